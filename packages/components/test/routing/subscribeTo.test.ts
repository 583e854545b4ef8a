import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { collectInto, Delay, FromItems, PublishTo, SubscribeTo, Ticker } from '../../src/index.ts';
import { backplaneMembers } from '../../src/internal/backplanes.ts';
import { uniqueName, until } from '../helpers.ts';

describe('SubscribeTo', () => {
  test('a graceful stop lets it deliver what its publishers publish while they drain', async () => {
    const backplane = uniqueName('drain');
    const items = Array.from({ length: 20 }, (_, i) => i);
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane } }),
      g.add('sink', collectInto(seen)),
    );
    g.pipeline(
      g.add('items', FromItems, { params: { items } }),
      g.add('later', Delay, { params: { ms: 150 } }),
      g.add('pub', PublishTo, { params: { backplane } }),
    );
    const run = g.run();
    await until(() => g.stats().components.find((c) => c.name === 'items')?.state === 'ended');
    expect(seen).toEqual([]);
    await g.stop({ graceful: true });
    await expect(run).resolves.toEqual({ status: 'stopped' });
    expect(seen).toEqual(items);
    expect(g.stats().components.find((c) => c.name === 'sub')?.state).toBe('ended');
  });

  test('waits for a publisher that joins while the graph runs, then ends when it leaves', async () => {
    const backplane = uniqueName('late');
    const seen: string[] = [];
    const g = graph();
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backplaneMembers(backplane)).toEqual({ publishers: 0, subscribers: 1 });
    g.pipeline(
      g.add('items', FromItems, { params: { items: ['late', 'news'] } }),
      g.add('pub', PublishTo, { params: { backplane } }),
    );
    await expect(run).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual(['late', 'news']);
  });

  test('subscribers join and leave while publishing goes on; a leaver never blocks the publisher', async () => {
    const backplane = uniqueName('churn');
    const first: number[] = [];
    const second: number[] = [];
    const g = graph('churn', { capacity: 1 });
    g.pipeline(
      g.add('sub1', SubscribeTo, { params: { backplane, capacity: 1 } }),
      g.add('first', collectInto(first)),
    );
    g.pipeline(
      g.add('tick', Ticker, { params: { intervalMs: 1, count: 300, immediate: true } }),
      g.add('pub', PublishTo, { params: { backplane } }),
    );
    const run = g.run();
    await until(() => first.length >= 20);
    g.pipeline(
      g.add('sub2', SubscribeTo, { params: { backplane } }),
      g.add('second', collectInto(second)),
    );
    await until(() => second.length >= 20);
    g.remove('sub1');
    g.remove('first');
    await expect(run).resolves.toEqual({ status: 'completed' });
    expect(second.at(-1)).toBe(299);
    const start = second[0]!;
    expect(second).toEqual([...Array(300 - start).keys()].map((i) => i + start));
    expect(first).toEqual([...Array(first.length).keys()]);
    expect(backplaneMembers(backplane)).toEqual({ publishers: 0, subscribers: 0 });
  });

  test('delivers everything it holds before ending when the last publisher leaves', async () => {
    const backplane = uniqueName('drain');
    const seen: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const Gated = defineComponent({
      name: 'Gated',
      description: 'Waits for the test before taking anything.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        await gate;
        for await (const n of inbox.in) seen.push(n);
      },
    });
    const g = graph('drain', { capacity: 1 });
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane, capacity: 50 } }),
      g.add('gated', Gated),
    );
    g.pipeline(
      g.add('items', FromItems, { params: { items: [...Array(30).keys()] } }),
      g.add('pub', PublishTo, { params: { backplane } }),
    );
    const run = g.run();
    await until(() => g.stats().components.find((c) => c.name === 'pub')?.state === 'ended');
    release();
    await run;
    expect(seen).toEqual([...Array(30).keys()]);
  });

  test.each([
    ['a stop', false, 'stopped'],
    ['a graceful stop', true, 'ended'],
  ])('%s ends at once a subscriber that is waiting for publishers', async (_, graceful, state) => {
    const backplane = uniqueName('stop');
    const g = graph();
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane } }),
      g.add('sink', collectInto([])),
    );
    const run = g.run();
    await until(() => backplaneMembers(backplane).subscribers === 1);
    const started = Date.now();
    await g.stop({ graceful });
    await expect(run).resolves.toEqual({ status: 'stopped' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(g.stats().components.find((c) => c.name === 'sub')?.state).toBe(state);
    expect(backplaneMembers(backplane)).toEqual({ publishers: 0, subscribers: 0 });
  });
});
