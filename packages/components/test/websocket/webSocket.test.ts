import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { WebSocketServer as RawServer, WebSocket } from 'ws';
import { collectInto, FromItems, WebSocketClient, WebSocketServer } from '../../src/index.ts';
import { until } from '../helpers.ts';
import { freePort } from '../mqtt/broker.ts';

describe('WebSocketServer and WebSocketClient', () => {
  test('a client connects to the address the server announces; the server broadcasts its input', async () => {
    const heard: unknown[] = [];
    const g = graph('ws');
    const server = g.add('server', WebSocketServer, { params: { minClients: 1 } });
    const client = g.add('client', WebSocketClient, { params: { close: 'when-stopped' } });
    g.link(
      g
        .add('alerts', FromItems, { params: { items: ['hot', { t: 31 }, new Uint8Array([1, 2])] } })
        .outbox('out'),
      server.inbox('in'),
    );
    g.link(server.outbox('address'), client.inbox('connect'));
    g.link(client.outbox('out'), g.add('heard', collectInto(heard)).inbox('in'));
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(heard).toEqual(['hot', { t: 31 }, new Uint8Array([1, 2])]);
  });

  test('the server sends on what clients send, and their comings and goings', async () => {
    const fromClients: unknown[] = [];
    const connections: { event: string }[] = [];
    const g = graph('ws');
    const server = g.add('server', WebSocketServer, { params: { close: 'when-stopped' } });
    const client = g.add('client', WebSocketClient);
    g.link(server.outbox('address'), client.inbox('connect'));
    g.link(
      g.add('hello', FromItems, { params: { items: ['hello', { n: 1 }] } }).outbox('out'),
      client.inbox('in'),
    );
    g.link(client.outbox('out'), g.add('nothing', collectInto([])).inbox('in'));
    g.link(server.outbox('out'), g.add('fromClients', collectInto(fromClients)).inbox('in'));
    g.link(
      server.outbox('connections'),
      g.add('connections', collectInto(connections)).inbox('in'),
    );
    const done = g.run();
    await until(() => connections.length === 2);
    await g.stop({ graceful: true });
    await done;
    expect(fromClients).toEqual([
      { client: 1, payload: 'hello' },
      { client: 1, payload: { n: 1 } },
    ]);
    expect(connections.map((c) => c.event)).toEqual(['open', 'close']);
  });

  test('a slow client slows the broadcast: the server does not buffer without bound', async () => {
    const port = await freePort();
    const big = 'x'.repeat(32 * 1024);
    const count = 400;
    const g = graph('ws');
    const Items = defineComponent({
      name: 'Items',
      description: 'Sends count big strings, counting them.',
      outboxes: { out: box(z.string(), 'Big strings.') },
      async body({ outbox }) {
        for (let i = 0; i < count; i++) {
          await outbox.out.send(big);
          sent++;
        }
      },
    });
    let sent = 0;
    const server = g.add('server', WebSocketServer, {
      params: { port, minClients: 1, maxBuffered: 65_536 },
    });
    g.link(g.add('items', Items).outbox('out'), server.inbox('in'));
    const done = g.run();
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    let received = 0;
    client.on('message', () => received++);
    await new Promise((resolve) => client.once('open', resolve));
    client.pause();
    // Paused, the client reads nothing: once the sockets' buffers are full, the server waits
    // (without backpressure it would take all 400 at once, 12.8 MB, into memory).
    await until(() => sent > 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent).toBeLessThan(count);
    client.resume();
    await until(() => received === count);
    await done;
  });

  test('a server that cannot be reached fails the client, naming the url', async () => {
    const port = await freePort();
    const g = graph('ws');
    g.add('client', WebSocketClient, { params: { url: `ws://127.0.0.1:${port}` } });
    await expect(g.run()).rejects.toMatchObject({
      cause: { code: 'ERR_CONNECT' },
      message: expect.stringContaining(`could not connect to ws://127.0.0.1:${port}`),
    });
  });

  test('the client reconnects when the connection is lost, and ends when the server closes normally', async () => {
    const port = await freePort();
    const raw = new RawServer({ host: '127.0.0.1', port });
    let connections = 0;
    raw.on('connection', (socket) => {
      connections++;
      if (connections === 1) {
        socket.send('first');
        setTimeout(() => socket.terminate(), 20);
      } else {
        socket.send('second');
        socket.close(1000);
      }
    });
    const heard: unknown[] = [];
    const g = graph('ws');
    g.pipeline(
      g.add('client', WebSocketClient, {
        params: { url: `ws://127.0.0.1:${port}`, reconnectMs: 20, close: 'when-stopped' },
      }),
      g.add('heard', collectInto(heard)),
    );
    await g.run();
    expect(heard).toEqual(['first', 'second']);
    await new Promise((resolve) => raw.close(resolve));
  });
});
