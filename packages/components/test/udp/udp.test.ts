import { createSocket } from 'node:dgram';
import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collectInto, FromItems, UdpIn, UdpOut } from '../../src/index.ts';
import { until } from '../helpers.ts';

describe('UdpIn and UdpOut', () => {
  test('UdpOut sends each message as a datagram to the port UdpIn announces', async () => {
    const received: { payload: unknown }[] = [];
    const addresses: { port: number }[] = [];
    const g = graph('udp');
    const udpIn = g.add('in', UdpIn, { params: { encoding: 'utf8', count: 3 } });
    g.link(udpIn.outbox('out'), g.add('received', collectInto(received)).inbox('in'));
    g.link(udpIn.outbox('address'), g.add('addresses', collectInto(addresses)).inbox('in'));
    const done = g.run();
    await until(() => addresses.length > 0);
    const out = graph('send');
    out.pipeline(
      out.add('items', FromItems, {
        params: { items: ['a', { n: 1 }, new Uint8Array([104, 105])] },
      }),
      out.add('out', UdpOut, { params: { port: addresses[0]!.port } }),
    );
    await out.run();
    await done;
    expect(received.map((d) => d.payload)).toEqual(['a', '{"n":1}', 'hi']);
  });

  test('a slow consumer does not grow memory: beyond capacity, datagrams are dropped and counted', async () => {
    const addresses: { port: number }[] = [];
    const drops: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { box, defineComponent, z } = await import('@plexus/core');
    const seen: unknown[] = [];
    const Slow = defineComponent({
      name: 'Slow',
      description: 'Reads once released.',
      inboxes: { in: box(z.any(), 'Datagrams.') },
      async body({ inbox }) {
        await released;
        for await (const d of inbox.in) seen.push(d);
      },
    });
    const g = graph('udp', { capacity: 1 });
    const udpIn = g.add('in', UdpIn, { params: { capacity: 5 } });
    g.link(udpIn.outbox('out'), g.add('slow', Slow).inbox('in'));
    g.link(udpIn.outbox('address'), g.add('addresses', collectInto(addresses)).inbox('in'));
    g.link(udpIn.outbox('drops'), g.add('drops', collectInto(drops)).inbox('in'));
    const done = g.run({ deadlockTimeout: false });
    await until(() => addresses.length > 0);
    const sender = createSocket('udp4');
    for (let i = 0; i < 50; i++)
      await new Promise<void>((resolve) =>
        sender.send(String(i), addresses[0]!.port, '127.0.0.1', () => resolve()),
      );
    sender.close();
    // Loopback datagrams are read within a few turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await until(() => drops.length > 0);
    await g.stop();
    await done;
    // Held: capacity 5, one in the link, one being sent; the rest were dropped and counted.
    expect(seen.length).toBeLessThanOrEqual(7);
    expect(seen.length + drops.at(-1)!).toBe(50);
  });
});
