import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, FromItems, Throttle, Ticker } from '../../src/index.ts';
import { timed, until } from '../helpers.ts';

describe('Throttle', () => {
  test('passes every message at no more than perSecond: 11 messages at 100/s take at least ~100 ms', async () => {
    let out: unknown[] = [];
    const ms = await timed(async () => {
      ({ out } = await runComponent(
        Throttle,
        { in: [...Array(11).keys()] },
        { params: { perSecond: 100 } },
      ));
    });
    expect(out).toEqual([...Array(11).keys()]);
    expect(ms).toBeGreaterThanOrEqual(90);
  });

  test('lets a burst of up to burst messages through at once', async () => {
    const ms = await timed(() =>
      runComponent(Throttle, { in: [1, 2, 3, 4, 5] }, { params: { perSecond: 1, burst: 5 } }),
    );
    expect(ms).toBeLessThan(900);
  });

  test("mode 'drop' sends what finds no token to dropped instead of waiting", async () => {
    const { out, dropped } = await runComponent(
      Throttle,
      { in: [1, 2, 3, 4, 5] },
      { params: { perSecond: 1, burst: 2, mode: 'drop' } },
    );
    expect(out).toEqual([1, 2]);
    expect(dropped).toEqual([3, 4, 5]);
  });

  test('a stop while a message waits for its token ends it at once', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('tick', Ticker, { params: { intervalMs: 1, immediate: true } }),
      g.add('throttle', Throttle, { params: { perSecond: 0.01 } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await until(() => seen.length === 1);
    const ms = await timed(async () => {
      await g.stop();
      await expect(run).resolves.toEqual({ status: 'stopped' });
    });
    expect(ms).toBeLessThan(5_000);
  });

  test('ends when its input does, after the messages it holds', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3] } }),
      g.add('throttle', Throttle, { params: { perSecond: 200 } }),
      g.add('sink', collectInto(seen)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([1, 2, 3]);
  });
});
