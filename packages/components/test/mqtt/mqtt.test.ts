import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collectInto, FromItems, MqttIn, MqttOut } from '../../src/index.ts';
import { tempDir, until } from '../helpers.ts';
import { freePort, prefix, publish, SHARED, startBroker, stopBroker } from './broker.ts';

type Received = { topic: string; payload: unknown; qos: number; retain: boolean };

/** Start a graph with an MqttIn; `seen` fills as messages arrive. */
function subscriber(params: Record<string, unknown>, capacity?: number) {
  const seen: Received[] = [];
  const g = graph('sub', capacity === undefined ? {} : { capacity });
  g.pipeline(g.add('in', MqttIn, { params: params as never }), g.add('seen', collectInto(seen)));
  return { seen, g, done: g.run() };
}

/** Publish `items` through an MqttOut graph, to completion. */
async function publishThrough(items: unknown[], params: Record<string, unknown> = {}) {
  const g = graph('pub');
  g.pipeline(
    g.add('items', FromItems, { params: { items } }),
    g.add('out', MqttOut, { params: params as never }),
  );
  await g.run();
}

describe('MqttIn and MqttOut (Mosquitto on 127.0.0.1:1883)', () => {
  test('a wildcard subscription receives what MqttOut publishes, retained first, in order', async () => {
    const p = prefix();
    await publish(SHARED, [{ topic: `${p}/ready/temp`, payload: 'ready', retain: true }]);
    const { seen, done } = subscriber({ topics: `${p}/+/temp`, qos: 2, count: 4 });
    await until(() => seen.length > 0);
    await publishThrough(
      [
        { topic: `${p}/a/temp`, payload: { c: 21.5 } },
        { topic: `${p}/a/hum`, payload: 40 },
        { topic: `${p}/b/temp`, payload: 'warm' },
        { topic: `${p}/c/temp`, payload: new Uint8Array([104, 105]) },
      ],
      { qos: 2 },
    );
    await done;
    expect(seen).toEqual([
      { topic: `${p}/ready/temp`, payload: 'ready', qos: 1, retain: true },
      { topic: `${p}/a/temp`, payload: { c: 21.5 }, qos: 2, retain: false },
      { topic: `${p}/b/temp`, payload: 'warm', qos: 2, retain: false },
      { topic: `${p}/c/temp`, payload: 'hi', qos: 2, retain: false },
    ]);
    await publish(SHARED, [{ topic: `${p}/ready/temp`, payload: '', retain: true }]);
  });

  test('payloads are decoded as asked; plain values go to the topic param', async () => {
    const p = prefix();
    await publish(SHARED, [{ topic: `${p}/x`, payload: 'ready', retain: true }]);
    const { seen, done } = subscriber({ topics: [`${p}/x`], qos: 1, payload: 'bytes', count: 3 });
    await until(() => seen.length > 0);
    await publishThrough(['one', { payload: { n: 2 }, qos: 0 }], { topic: `${p}/x`, qos: 1 });
    await done;
    expect(seen.map((m) => Buffer.from(m.payload as Uint8Array).toString())).toEqual([
      'ready',
      'one',
      '{"n":2}',
    ]);
    expect(seen.map((m) => m.qos)).toEqual([1, 1, 0]);
    await publish(SHARED, [{ topic: `${p}/x`, payload: '', retain: true }]);
  });

  test('a slow consumer holds the broker back: nothing piles up in MqttIn', async () => {
    const p = prefix();
    const total = 200;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: unknown[] = [];
    const g = graph('slow', { capacity: 2 });
    await publish(SHARED, [{ topic: `${p}/n`, payload: '-1', retain: true }]);
    const input = g.add('in', MqttIn, { params: { topics: `${p}/n`, qos: 1, count: total + 1 } });
    const { defineComponent, box, z } = await import('@plexus/core');
    const Slow = defineComponent({
      name: 'Slow',
      description: 'Waits to be released, then reads everything.',
      inboxes: { in: box(z.any(), 'Messages.') },
      async body({ inbox }) {
        await released;
        for await (const m of inbox.in) seen.push((m as Received).payload);
      },
    });
    g.link(input.outbox('out'), g.add('slow', Slow).inbox('in'));
    const done = g.run({ deadlockTimeout: false });
    // Subscribed once the retained message has gone into the link.
    await until(() => (g.stats().links.find((l) => l.from === 'in.out')?.sent ?? 0) > 0);
    await publish(
      SHARED,
      Array.from({ length: total }, (_, i) => ({ topic: `${p}/n`, payload: String(i) })),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = g.stats().links.find((l) => l.from === 'in.out')!.sent;
    expect(sent).toBeLessThanOrEqual(3);
    release();
    await done;
    expect(seen).toEqual(Array.from({ length: total + 1 }, (_, i) => i - 1));
    await publish(SHARED, [{ topic: `${p}/n`, payload: '', retain: true }]);
  });

  test('a broker that cannot be reached fails the component, naming it', async () => {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    const { done } = subscriber({ url, topics: 'x', connectTimeoutMs: 2000 });
    await expect(done).rejects.toMatchObject({
      cause: { code: 'ERR_CONNECT' },
      message: expect.stringContaining(`could not connect to ${url} (connect ECONNREFUSED`),
    });
  });
});

describe('MqttIn when its broker restarts', () => {
  const dir = tempDir();
  let broker: Awaited<ReturnType<typeof startBroker>> | undefined;
  afterEach(async () => {
    if (broker !== undefined) await stopBroker(broker);
  });
  afterAll(() => undefined);

  test('reconnects and resubscribes by itself', async () => {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    broker = await startBroker(port, dir);
    const { seen, done } = subscriber({ url, topics: 't/#', count: 2, reconnectMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await publish(url, [{ topic: 't/1', payload: 'before' }]);
    await until(() => seen.length === 1);
    await stopBroker(broker);
    broker = await startBroker(port, dir);
    // The subscriber reconnects within reconnectMs and subscribes again; publish until it hears.
    for (let i = 0; seen.length < 2 && i < 100; i++) {
      await publish(url, [{ topic: 't/2', payload: 'after' }]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await done;
    expect(seen.map((m) => m.payload)).toEqual(['before', 'after']);
  });
});
