// A small HTTP service whose handler is a graph. Run from the repository root:
//   node --conditions=@plexus/source --import ./scripts/register-ts.mjs examples/http/main.ts [--port 8080] [--count worker]
// It prints where it listens; Ctrl-C stops it gracefully (requests in flight are still answered).
import { parseArgs } from 'node:util';
import { ConsoleEcho } from '@plexus/components';
import { Announce, httpService } from './http.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    count: { type: 'string', default: 'inline' },
  },
});
const count = values.count as 'inline' | 'worker';
const g = httpService({ port: Number(values.port), host: values.host, count });
const announce = g.add('announce', Announce);
g.link('server.address', announce.inbox('in'));
g.link(announce.outbox('out'), g.add('print', ConsoleEcho).inbox('in'));
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void g.stop(stopping ? {} : { graceful: true });
    stopping = true;
  });
}
await g.run();
console.log('http: stopped');
