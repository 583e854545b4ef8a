// A TCP chat server. Run from the repository root, then connect with `nc 127.0.0.1 <port>`:
//   node --conditions=@plexus/source --import ./scripts/register-ts.mjs examples/chat/main.ts [--port 7000] [--backend worker]
// It prints where it listens and a transcript of the chat; Ctrl-C stops it (each connection
// closes once its client leaves; Ctrl-C again cuts them).
import { parseArgs } from 'node:util';
import { chatServer } from './chat.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    backend: { type: 'string', default: 'inline' },
  },
});
const backend = values.backend as 'inline' | 'worker' | 'process';
const g = chatServer({ port: Number(values.port), host: values.host, backend });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void g.stop(stopping ? {} : { graceful: true });
    stopping = true;
  });
}
await g.run();
console.log('chat: stopped');
