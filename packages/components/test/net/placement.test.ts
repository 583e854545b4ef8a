import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { HttpServer, TcpServer } from '@plexus/components';
import { box, defineComponent, graph, z } from '@plexus/core';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { EchoServer } from './fixtures/protocols.ts';
import { collector, talk, until } from './helpers.ts';

const backends = [workerBackend()];
const protocols = join(__dirname, 'fixtures', 'protocols.ts');

afterEach(() => {
  expect(liveWorkers()).toBe(0);
});

describe('servers placed on a worker thread', () => {
  test('TcpServer (protocol by module and export) grows its connections inside the worker', async () => {
    const g = graph('tcp');
    const addresses: { port: number }[] = [];
    const server = g.add('srv', TcpServer, {
      params: { protocol: `${protocols}#Echo` },
      backend: 'worker',
    });
    g.link(server.outbox('address'), g.add('addr', collector(addresses)).inbox('in'));
    const done = g.run({ backends });
    await until(() => addresses.length > 0);
    const replies = await Promise.all(['a', 'bb', 'ccc'].map((m) => talk(addresses[0]!.port, [m])));
    expect(replies.map((r) => r.data.toString())).toEqual(['a', 'bb', 'ccc']);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('a server made by tcpServer() and exported from its own module runs on a worker too', async () => {
    const g = graph('tcp');
    const addresses: { port: number }[] = [];
    const server = g.add('srv', EchoServer, { backend: 'worker' });
    g.link(server.outbox('address'), g.add('addr', collector(addresses)).inbox('in'));
    const done = g.run({ backends });
    await until(() => addresses.length > 0);
    expect((await talk(addresses[0]!.port, ['over there'])).data.toString()).toBe('over there');
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('HttpServer’s two halves share their worker; the handler runs inline', async () => {
    const Hello = defineComponent({
      name: 'Hello',
      description: 'Greets.',
      inboxes: { in: box(z.any(), 'Requests.') },
      outboxes: { out: box(z.any(), 'Responses.') },
      async body({ inbox, outbox }) {
        for await (const r of inbox.in) await outbox.out.send({ id: r.id, body: `hi ${r.url}` });
      },
    });
    const g = graph('web');
    const http = g.add('http', HttpServer, { backend: 'worker' });
    const hello = g.add('hello', Hello);
    g.link(http.outbox('requests'), hello.inbox('in'));
    g.link(hello.outbox('out'), http.inbox('responses'));
    const addresses: { url: string }[] = [];
    g.link(http.outbox('address'), g.add('addr', collector(addresses)).inbox('in'));
    const done = g.run({ backends });
    await until(() => addresses.length > 0);
    const res = await fetch(`${addresses[0]!.url}/there`);
    expect(await res.text()).toBe('hi /there');
    await g.stop({ graceful: true });
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });
});
