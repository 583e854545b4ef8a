import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { Batch, collectInto, fromIterable } from '../../src/index.ts';
import { timed, until } from '../helpers.ts';

describe('Batch', () => {
  test('groups messages into arrays of size and sends the partial last batch at the end', async () => {
    const { out } = await runComponent(Batch, { in: [1, 2, 3, 4, 5] }, { params: { size: 2 } });
    expect(out).toEqual([[1, 2], [3, 4], [5]]);
  });

  test('sends no empty batch, even when nothing arrives', async () => {
    expect(
      (await runComponent(Batch, { in: [] }, { params: { size: 3, maxWaitMs: 5 } })).out,
    ).toEqual([]);
    expect((await runComponent(Batch, { in: [1, 2] }, { params: { size: 2 } })).out).toEqual([
      [1, 2],
    ]);
  });

  test('with maxWaitMs, a trickle still moves: a partial batch goes out once its first message has waited', async () => {
    const seen: number[][] = [];
    // Each message is sent only after the previous batch came out, which (size 100) only the
    // maxWaitMs timer can make happen.
    async function* trickle() {
      for (let i = 0; i < 3; i++) {
        yield i;
        await until(() => seen.length > i);
      }
    }
    const g = graph();
    g.pipeline(
      g.add('trickle', fromIterable(trickle)),
      g.add('batch', Batch, { params: { size: 100, maxWaitMs: 10 } }),
      g.add('sink', collectInto(seen)),
    );
    await g.run();
    expect(seen).toEqual([[0], [1], [2]]);
  });

  test('a stop while a partial batch waits on its timer ends at once', async () => {
    const seen: number[][] = [];
    async function* oneThenSilence() {
      yield 1;
      await new Promise(() => {});
    }
    const g = graph();
    g.pipeline(
      g.add('source', fromIterable(oneThenSilence)),
      g.add('batch', Batch, { params: { size: 10, maxWaitMs: 60_000 } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await until(() => g.stats().links[0]?.delivered === 1);
    const ms = await timed(async () => {
      await g.stop();
      await expect(run).resolves.toEqual({ status: 'stopped' });
    });
    expect(ms).toBeLessThan(5_000);
    expect(seen).toEqual([]);
  });
});
