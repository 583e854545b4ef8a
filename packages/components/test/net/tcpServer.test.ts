import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { type TcpConnectionEvent, TcpServer, tcpServer } from '@plexus/components';
import { box, defineComponent, graph, z } from '@plexus/core';
import { CountBytes, Echo, Explode, Greet, NoInput, Upper } from './fixtures/protocols.ts';
import { collector, failure, talk, until } from './helpers.ts';

const protocols = join(__dirname, 'fixtures', 'protocols.ts');

/** Start a graph with one server; resolve once it listens. */
async function serve(
  definition: Parameters<ReturnType<typeof graph>['add']>[1],
  params: Record<string, unknown> = {},
  capacity?: number,
) {
  const g = graph('tcp', capacity === undefined ? {} : { capacity });
  const addresses: { host: string; port: number }[] = [];
  const events: TcpConnectionEvent[] = [];
  const server = g.add('srv', definition, { params } as never);
  g.link(server.outbox('address' as never), g.add('addr', collector(addresses)).inbox('in'));
  g.link(server.outbox('connections' as never), g.add('events', collector(events)).inbox('in'));
  const done = g.run();
  done.catch(() => {});
  await Promise.race([until(() => addresses.length > 0, 10_000, 'the address'), done]);
  return { g, done, port: addresses[0]!.port, host: addresses[0]!.host, events };
}

describe('TcpServer', () => {
  test('announces its address and serves several concurrent clients, one protocol instance each', async () => {
    const { g, done, port, host, events } = await serve(tcpServer({ protocol: Echo }));
    expect(host).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    const messages = Array.from({ length: 8 }, (_, i) => `client ${i}: ${'x'.repeat(1000 * i)}`);
    const replies = await Promise.all(messages.map((m) => talk(port, [m.slice(0, 5), m.slice(5)])));
    expect(replies.map((r) => r.data.toString())).toEqual(messages);
    expect(replies.every((r) => r.ended && r.error === undefined)).toBe(true);
    await until(() => events.filter((e) => e.event === 'close').length === 8);
    expect(
      events
        .filter((e) => e.event === 'open')
        .map((e) => e.id)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.every((e) => e.remoteAddress === '127.0.0.1' && e.remotePort > 0)).toBe(true);
    // Finished connections are taken out of the graph.
    await until(() => g.stats().components.every((c) => !c.name.startsWith('srv-')));
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    const after = await talk(port, ['late']);
    expect(after.error?.code).toBe('ECONNREFUSED');
  });

  test('the peer ending its side ends the protocol’s inbox, and the protocol can still reply', async () => {
    const { g, done, port } = await serve(
      tcpServer({ protocol: CountBytes, params: { prefix: 'n=' } }),
    );
    const big = new Uint8Array(3 * 1024 * 1024).fill(7);
    const reply = await talk(port, [big, 'abc']);
    expect(reply.data.toString()).toBe(`n=${big.byteLength + 3}`);
    expect(reply.ended).toBe(true);
    await g.stop();
    await done;
  });

  test('the protocol ending closes the connection, even while the peer still has its side open', async () => {
    const { g, done, port } = await serve(tcpServer({ protocol: Greet }));
    const reply = await talk(port, [], { end: false });
    expect(reply.data.toString()).toBe('hello\n');
    expect(reply.ended).toBe(true);
    await g.stop();
    await done;
  });

  test('params can be a function of the connection; utf8 encoding hands the protocol strings', async () => {
    const { g, done, port } = await serve(
      tcpServer({ protocol: Greet, params: (c) => ({ text: `you are ${c.id}` }) }),
    );
    expect((await talk(port, [])).data.toString()).toBe('you are 1');
    expect((await talk(port, [])).data.toString()).toBe('you are 2');
    await g.stop();
    await done;
    const upper = await serve(tcpServer({ protocol: Upper, encoding: 'utf8' }));
    // 'é' split across two chunks still arrives as one character.
    const e = Buffer.from('é');
    const reply = await talk(upper.port, [Buffer.from('caf'), e.subarray(0, 1), e.subarray(1)]);
    expect(reply.data.toString()).toBe('CAFÉ');
    await upper.g.stop();
    await upper.done;
  });

  test('wire links the protocol’s other boxes once per connection', async () => {
    const Chat = defineComponent({
      name: 'Chat',
      description: 'Echoes, and reports each message on `said`.',
      inboxes: { in: box(z.string(), 'Text.') },
      outboxes: { out: box(z.string(), 'Echo.'), said: box(z.string(), 'What was said.') },
      async body({ inbox, outbox }) {
        for await (const text of inbox.in) {
          await outbox.said.send(text);
          await outbox.out.send(text);
        }
      },
    });
    const said: unknown[] = [];
    const g = graph('chat');
    const log = g.add('log', collector(said));
    const addresses: { port: number }[] = [];
    const server = g.add(
      'srv',
      tcpServer({
        protocol: Chat,
        encoding: 'utf8',
        wire: (scope, chat) => scope.link(chat.outbox('said'), log.inbox('in')),
      }),
    );
    g.link(server.outbox('address'), g.add('addr', collector(addresses)).inbox('in'));
    // Keep the log's inbox open between connections.
    const Idle = defineComponent({
      name: 'Idle',
      description: 'Sends nothing until stopped.',
      outboxes: { out: box(z.string(), 'Nothing.') },
      async body({ signal }) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
    });
    g.link(g.add('idle', Idle).outbox('out'), log.inbox('in'));
    const done = g.run();
    await until(() => addresses.length > 0);
    await talk(addresses[0]!.port, ['one']);
    await talk(addresses[0]!.port, ['two']);
    await until(() => said.length === 2);
    expect(said).toEqual(['one', 'two']);
    await g.stop();
    await done;
  });

  test('backpressure: a protocol that does not read pauses the socket, and nothing is lost', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let received = 0;
    const Slow = defineComponent({
      name: 'Slow',
      description: 'Reads one chunk, waits for the gate, then counts the rest.',
      inboxes: { in: box(z.any(), 'Bytes.') },
      outboxes: { out: box(z.string(), 'The count.') },
      async body({ inbox, outbox }) {
        for await (const chunk of inbox.in) {
          received += (chunk as Uint8Array).byteLength;
          await gate;
        }
        await outbox.out.send(String(received));
      },
    });
    const { g, done, port } = await serve(tcpServer({ protocol: Slow }), {}, 2);
    const total = 32 * 1024 * 1024;
    const chunks = Array.from({ length: total / 65536 }, () => new Uint8Array(65536));
    let client!: import('node:net').Socket;
    const reply = talk(port, chunks, { onSocket: (s) => (client = s) });
    await until(() => received > 0);
    // The peer has far more to send than the protocol has taken: the server stopped reading.
    await until(() => client.writableLength > 0 && client.writableLength < total - 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toBeLessThan(1024 * 1024);
    expect(client.writableLength).toBeGreaterThan(total / 2);
    release();
    expect((await reply).data.toString()).toBe(String(total));
    await g.stop();
    await done;
  });

  test('a graceful stop closes the listener, ends each connection’s input and lets its protocol reply', async () => {
    const { g, done, port } = await serve(tcpServer({ protocol: CountBytes }));
    let client!: import('node:net').Socket;
    const open = talk(port, ['12345'], { end: false, onSocket: (s) => (client = s) });
    await until(() =>
      g.stats().components.some((c) => c.name === 'srv-1' && c.state === 'running'),
    );
    await until(() => g.stats().links.some((l) => l.to === 'srv-1.in' && l.delivered > 0));
    const stopped = g.stop({ graceful: true, timeout: 10_000 });
    const reply = await open;
    expect(reply.data.toString()).toBe('5');
    expect(reply.ended).toBe(true);
    await stopped;
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(client.destroyed).toBe(true);
  });

  test('a hard stop cuts open connections and leaves nothing listening', async () => {
    const { g, done, port } = await serve(tcpServer({ protocol: CountBytes }));
    const open = talk(port, ['abc'], { end: false });
    await until(() => g.stats().components.some((c) => c.name === 'srv-1-recv'));
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    const reply = await open;
    expect(reply.data.toString()).toBe('');
    expect((await talk(port, ['x'])).error?.code).toBe('ECONNREFUSED');
  });

  test('a peer that resets its connection is reported on connections; the server carries on', async () => {
    const { g, done, port, events } = await serve(tcpServer({ protocol: CountBytes }));
    await talk(port, ['abc'], {
      end: false,
      onSocket: (s) => s.on('connect', () => setTimeout(() => s.resetAndDestroy(), 50)),
    });
    await until(() => events.some((e) => e.event === 'close'));
    expect(events.find((e) => e.event === 'close')?.error).toBe('ECONNRESET');
    expect((await talk(port, ['abcd'])).data.toString()).toBe('4');
    await g.stop();
    await done;
  });

  test('a port already in use fails the run with ERR_LISTEN, naming the address and the fix', async () => {
    const first = await serve(tcpServer({ protocol: Echo }));
    const g = graph('second');
    g.add('srv', tcpServer({ protocol: Echo }), { params: { port: first.port } });
    const error = await failure(g.run());
    expect(error).toMatchObject({ code: 'ERR_COMPONENT_FAILED' });
    expect(error.cause?.code).toBe('ERR_LISTEN');
    expect(error.message).toContain(`127.0.0.1:${first.port}`);
    expect(error.message).toContain('choose another port');
    await first.g.stop();
    await first.done;
  });

  test('a protocol that throws fails the graph, naming its instance; every connection is closed', async () => {
    const { done, port } = await serve(tcpServer({ protocol: Explode }));
    const reply = await talk(port, ['boom'], { end: false });
    const error = await failure(done);
    expect(error).toMatchObject({ code: 'ERR_COMPONENT_FAILED', component: 'srv-1' });
    expect(error.message).toContain('refusing 4 bytes');
    expect(reply.data.toString()).toBe('');
    expect((await talk(port, ['x'])).error?.code).toBe('ECONNREFUSED');
  });

  test('a protocol without in and out is refused when the server is defined', () => {
    expect(() => tcpServer({ protocol: NoInput })).toThrow(
      expect.objectContaining({
        code: 'ERR_BAD_PROTOCOL',
        message: expect.stringContaining("has no inbox 'in'"),
      }),
    );
  });

  test('TcpServer names its protocol by module and export, with protocolParams', async () => {
    const { g, done, port } = await serve(TcpServer, {
      protocol: `${protocols}#CountBytes`,
      protocolParams: { prefix: 'bytes: ' },
    });
    expect((await talk(port, ['hello'])).data.toString()).toBe('bytes: 5');
    await g.stop();
    await done;
  });

  test('TcpServer fails at start when its protocol cannot be found, saying what there is', async () => {
    const g = graph();
    g.add('srv', TcpServer, { params: { protocol: `${protocols}#Ecco` } });
    const error = await failure(g.run());
    expect(error.cause?.code).toBe('ERR_BAD_PROTOCOL');
    expect(error.message).toContain("has no export 'Ecco'");
    expect(error.message).toContain("'Echo'");
    const g2 = graph();
    g2.add('srv', TcpServer, { params: { protocol: 'Echo' } });
    await expect(g2.run()).rejects.toThrow("Write it as 'module#Export'");
  });
});
