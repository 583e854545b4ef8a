import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { Collect, collectInto, FromItems } from '../../src/index.ts';

describe('Collect', () => {
  test('sends every message as one array when its input ends', async () => {
    expect((await runComponent(Collect, { in: [1, 'two', { three: 3 }] })).out).toEqual([
      [1, 'two', { three: 3 }],
    ]);
  });

  test('sends an empty array when nothing arrived', async () => {
    expect((await runComponent(Collect, { in: [] })).out).toEqual([[]]);
  });

  test('more messages than max fails with ERR_COLLECT_LIMIT, saying how to fix it', async () => {
    const failure = (await runComponent(Collect, { in: [1, 2, 3] }, { params: { max: 2 } }).catch(
      (e: unknown) => e,
    )) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_COLLECT_LIMIT');
    expect(failure.message).toMatch(/received more than max = 2 messages.*Raise the max param/);
  });
});

describe('collectInto', () => {
  test('pushes every message into the array the code holds', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3] } }),
      g.add('sink', collectInto(seen)),
    );
    await g.run();
    expect(seen).toEqual([1, 2, 3]);
  });
});
