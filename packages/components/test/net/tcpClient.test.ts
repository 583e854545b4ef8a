import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, test } from '@jest/globals';
import { TcpClient, tcpServer } from '@plexus/components';
import { box, defineComponent, graph, z } from '@plexus/core';
import { Echo } from './fixtures/protocols.ts';
import { collector, failure, feed, until } from './helpers.ts';

/** A raw server for one test: `onSocket` handles each connection. Resolves with its port. */
async function rawServer(
  onSocket: (socket: Socket) => void,
): Promise<{ server: Server; port: number }> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onSocket(socket);
  });
  open.set(server, sockets);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const open = new Map<Server, Set<Socket>>();

/** Close a raw server and every connection it still has. */
async function close(server: Server) {
  for (const socket of open.get(server) ?? []) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
}

const text = (chunks: unknown[]) => Buffer.concat(chunks as Uint8Array[]).toString();

/** Sends 0, 1, 2, … as lines until stopped or nobody listens. */
const Forever = defineComponent({
  name: 'Forever',
  description: 'Sends numbered lines until nobody listens.',
  outboxes: { out: box(z.string(), 'Lines.') },
  async body({ outbox }) {
    for (let i = 0; ; i++) await outbox.out.send(`${i}\n`);
  },
});

describe('TcpClient', () => {
  test('writes its inbox, sends on what comes back, and ends when the peer does (against TcpServer)', async () => {
    const server = graph('server');
    const addresses: { port: number }[] = [];
    const srv = server.add('srv', tcpServer({ protocol: Echo }));
    server.link(srv.outbox('address'), server.add('addr', collector(addresses)).inbox('in'));
    const serving = server.run();
    await until(() => addresses.length > 0);

    const words = Array.from({ length: 500 }, (_, i) => `word ${i} `);
    const runs = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const g = graph(`client${n}`);
        const out: unknown[] = [];
        const client = g.add('client', TcpClient, { params: { port: addresses[0]!.port } });
        g.pipeline(
          g.add('words', feed(words.map((w) => `${n}:${w}`))),
          client,
          g.add('out', collector(out)),
        );
        await expect(g.run()).resolves.toEqual({ status: 'completed' });
        return text(out);
      }),
    );
    expect(runs).toEqual([1, 2, 3].map((n) => words.map((w) => `${n}:${w}`).join('')));
    await server.stop();
    await serving;
  });

  test('with no inbox linked it half-closes at once and reads until the peer ends; utf8 gives strings', async () => {
    const { server, port } = await rawServer((socket) => {
      socket.resume();
      socket.on('end', () => socket.end('bye, café'));
    });
    const g = graph();
    const out: unknown[] = [];
    const client = g.add('client', TcpClient, { params: { port, encoding: 'utf8' } });
    g.link(client.outbox('out'), g.add('out', collector(out)).inbox('in'));
    await g.run();
    expect(out.join('')).toBe('bye, café');
    expect(out.every((s) => typeof s === 'string')).toBe(true);
    await close(server);
  });

  test('when the peer ends first, the client stops writing and its endless source is stopped', async () => {
    const { server, port } = await rawServer((socket) => {
      socket.resume();
      socket.end('banner\n');
    });
    const g = graph();
    const out: unknown[] = [];
    g.pipeline(
      g.add('forever', Forever),
      g.add('client', TcpClient, { params: { port } }),
      g.add('out', collector(out)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(text(out)).toBe('banner\n');
    const forever = g.stats().components.find((c) => c.name === 'forever');
    expect(forever).toMatchObject({ state: 'stopped', reason: 'downstream-ended' });
    await close(server);
  });

  test('allowHalfOpen: true keeps writing after the peer has ended, until the inbox ends', async () => {
    let counted = -1;
    const { server, port } = await rawServer((socket) => {
      let n = 0;
      socket.end('ready\n');
      socket.on('data', (data: Buffer) => {
        n += data.length;
      });
      socket.on('end', () => {
        counted = n;
      });
    });
    const g = graph();
    const out: unknown[] = [];
    const lines = Array.from({ length: 2000 }, () => 'x'.repeat(99) + '\n');
    const client = g.add('client', TcpClient, { params: { port, allowHalfOpen: true } });
    g.pipeline(g.add('lines', feed(lines)), client, g.add('out', collector(out)));
    await g.run();
    expect(text(out)).toBe('ready\n');
    await until(() => counted >= 0);
    expect(counted).toBe(200_000);
    await close(server);
  });

  test('nothing listening fails the run with ERR_CONNECT, naming the address and the fix', async () => {
    const { server, port } = await rawServer(() => {});
    await close(server);
    const g = graph();
    const client = g.add('client', TcpClient, { params: { port } });
    g.link(client.outbox('out'), g.add('out', collector([])).inbox('in'));
    const error = await failure(g.run());
    expect(error).toMatchObject({ code: 'ERR_COMPONENT_FAILED', component: 'client' });
    expect(error.cause?.code).toBe('ERR_CONNECT');
    expect(error.message).toContain(`could not connect to 127.0.0.1:${port}`);
    expect(error.message).toContain('start the server first');
  });

  test('a connection reset before the peer ends it fails the run with ERR_CONNECTION', async () => {
    const { server, port } = await rawServer((socket) => {
      socket.write('partial');
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
    const g = graph();
    const out: unknown[] = [];
    const client = g.add('client', TcpClient, { params: { port, allowHalfOpen: true } });
    g.pipeline(g.add('forever', Forever), client, g.add('out', collector(out)));
    const error = await failure(g.run());
    expect(error.cause?.code).toBe('ERR_CONNECTION');
    expect(error.message).toContain('ECONNRESET');
    await close(server);
  });

  test('a hard stop closes the connection; the peer sees it end', async () => {
    let peerClosed = false;
    let accepted = 0;
    const { server, port } = await rawServer((socket) => {
      accepted++;
      socket.resume();
      socket.on('end', () => {
        peerClosed = true;
      });
    });
    const g = graph();
    const client = g.add('client', TcpClient, { params: { port } });
    g.link(client.outbox('out'), g.add('out', collector([])).inbox('in'));
    const idle = defineComponent({
      name: 'Idle',
      description: 'Sends nothing until stopped.',
      outboxes: { out: box(z.string(), 'Nothing.') },
      async body({ signal }) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
    });
    g.link(g.add('idle', idle).outbox('out'), client.inbox('in'));
    const done = g.run();
    await until(() => accepted > 0);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    await until(() => peerClosed);
    await close(server);
  });
});
