import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { Ping } from '@plexus/scenarios/faults';
import { collectInto, Delay, FromItems, Ticker } from '../../src/index.ts';
import { timed, until } from '../helpers.ts';

/** Stamps each message with the time it arrived. */
const Stamp = (into: { value: unknown; at: number }[]) =>
  defineComponent({
    name: 'Stamp',
    description: 'Records when each message arrived.',
    inboxes: { in: box(z.any(), 'Anything.') },
    async body({ inbox }) {
      for await (const value of inbox.in) into.push({ value, at: Date.now() });
    },
  });

describe('Delay', () => {
  test('sends every message, in order, no sooner than ms after it arrived, then ends', async () => {
    const seen: { value: unknown; at: number }[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: ['a', 'b', 'c'] } }),
      g.add('delay', Delay, { params: { ms: 50 } }),
      g.add('sink', Stamp(seen)),
    );
    const start = Date.now();
    await g.run();
    expect(seen.map((s) => s.value)).toEqual(['a', 'b', 'c']);
    expect(seen[0]!.at - start).toBeGreaterThanOrEqual(45);
  });

  test('a burst comes out as a burst: 100 messages delayed 50 ms take far less than 100 × 50 ms', async () => {
    const seen: unknown[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [...Array(100).keys()] } }),
      g.add('delay', Delay, { params: { ms: 50 } }),
      g.add('sink', collectInto(seen)),
    );
    const ms = await timed(() => g.run());
    expect(seen).toEqual([...Array(100).keys()]);
    expect(ms).toBeLessThan(2_500);
  });

  test('holds at most capacity messages: beyond that the sender waits, and nothing is lost', async () => {
    const seen: number[] = [];
    const g = graph('bounded', { capacity: 1 });
    g.pipeline(
      g.add('items', FromItems, { params: { items: [...Array(20).keys()] } }),
      g.add('delay', Delay, { params: { ms: 5, capacity: 2 } }),
      g.add('sink', collectInto(seen)),
    );
    await g.run();
    expect(seen).toEqual([...Array(20).keys()]);
  });

  test('a stop while messages are held ends it at once, without waiting for them to fall due', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('tick', Ticker, { params: { intervalMs: 1, immediate: true } }),
      g.add('delay', Delay, { params: { ms: 60_000 } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await until(() => (g.stats().links[0]?.delivered ?? 0) >= 3);
    const ms = await timed(async () => {
      await g.stop();
      await expect(run).resolves.toEqual({ status: 'stopped' });
    });
    expect(ms).toBeLessThan(5_000);
    expect(seen).toEqual([]);
  });
});

describe('Delay in a cycle', () => {
  test('a retry loop through a Delay longer than deadlockTimeout is not reported as a deadlock', async () => {
    const g = graph('retry');
    // Ping starts a number round the cycle and ends once it has gone round three times.
    const retry = g.add('retry', Ping, { params: { laps: 3 } });
    const later = g.add('later', Delay, { params: { ms: 250 } });
    g.link(retry.outbox('out'), later.inbox('in'));
    g.link(later.outbox('out'), retry.inbox('in'));
    let result: unknown;
    const ms = await timed(async () => {
      result = await g.run({ deadlockTimeout: 100 });
    });
    expect(result).toEqual({ status: 'completed' });
    expect(ms).toBeGreaterThanOrEqual(700);
  });
});

describe('Delay and a graceful stop', () => {
  test('a graceful stop lets it deliver what it holds, each when due, then end', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('tick', Ticker, { params: { intervalMs: 2, immediate: true } }),
      g.add('delay', Delay, { params: { ms: 100 } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await until(() => (g.stats().links[0]?.delivered ?? 0) >= 5);
    await g.stop({ graceful: true, timeout: 10_000 });
    await expect(run).resolves.toEqual({ status: 'stopped' });
    const sent = g.stats().links[0]!.sent;
    expect(seen).toEqual([...Array(sent).keys()]);
    expect(g.stats().components.map((c) => [c.name, c.state])).toEqual([
      ['tick', 'stopped'],
      ['delay', 'ended'],
      ['sink', 'ended'],
    ]);
  });
});
