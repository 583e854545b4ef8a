import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, FromItems, map } from '../../src/index.ts';

describe('FromItems', () => {
  test('sends its items in order, then ends', async () => {
    const { out } = await runComponent(FromItems, {}, { params: { items: ['a', { b: 1 }, 3] } });
    expect(out).toEqual(['a', { b: 1 }, 3]);
  });

  test('repeat sends the whole list that many times', async () => {
    const { out } = await runComponent(FromItems, {}, { params: { items: [1, 2], repeat: 3 } });
    expect(out).toEqual([1, 2, 1, 2, 1, 2]);
  });

  test('an empty list ends at once and sends nothing', async () => {
    const { out } = await runComponent(FromItems, {}, { params: { items: [] } });
    expect(out).toEqual([]);
  });

  test('a list far larger than its link streams through a capacity-1 link in order', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => i);
    const seen: number[] = [];
    const g = graph('big', { capacity: 1 });
    g.pipeline(
      g.add('items', FromItems, { params: { items } }),
      g.add(
        'plus',
        map((n: number) => n + 1),
      ),
      g.add('sink', collectInto(seen)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual(items.map((n) => n + 1));
  });

  test('items are required: leaving them out fails at add() with ERR_BAD_PARAMS', () => {
    const g = graph();
    expect(() => g.add('items', FromItems, { params: {} as never })).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_PARAMS' }),
    );
  });
});
