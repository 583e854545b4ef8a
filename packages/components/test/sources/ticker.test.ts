import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, Ticker } from '../../src/index.ts';
import { timed, until } from '../helpers.ts';

describe('Ticker', () => {
  test('sends count ticks numbered from 0, an interval apart, then ends', async () => {
    let out: number[] = [];
    const ms = await timed(async () => {
      ({ out } = await runComponent(Ticker, {}, { params: { intervalMs: 20, count: 4 } }));
    });
    expect(out).toEqual([0, 1, 2, 3]);
    expect(ms).toBeGreaterThanOrEqual(70);
  });

  test('count 0 ends at once; immediate sends the first tick without waiting', async () => {
    expect((await runComponent(Ticker, {}, { params: { count: 0 } })).out).toEqual([]);
    const ms = await timed(() =>
      runComponent(Ticker, {}, { params: { intervalMs: 60_000, count: 1, immediate: true } }),
    );
    expect(ms).toBeLessThan(5_000);
  });

  test('a stop during a 60 s interval ends it at once: its timer watches the stop', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('tick', Ticker, { params: { intervalMs: 60_000, immediate: true } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await until(() => seen.length === 1);
    const ms = await timed(async () => {
      await g.stop();
      await expect(run).resolves.toEqual({ status: 'stopped' });
    });
    expect(ms).toBeLessThan(5_000);
    expect(seen).toEqual([0]);
  });
});
