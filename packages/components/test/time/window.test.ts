import { describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { Window } from '../../src/index.ts';

describe('Window', () => {
  test('slides one message at a time by default', async () => {
    const { out } = await runComponent(Window, { in: [1, 2, 3, 4] }, { params: { size: 3 } });
    expect(out).toEqual([
      [1, 2, 3],
      [2, 3, 4],
    ]);
  });

  test('step equal to size gives back-to-back windows; a larger step samples', async () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    expect(
      (await runComponent(Window, { in: items }, { params: { size: 2, step: 2 } })).out,
    ).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(
      (await runComponent(Window, { in: items }, { params: { size: 2, step: 3 } })).out,
    ).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  test('at the end, partial sends the messages no window covered; without it they are dropped', async () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    expect(
      (await runComponent(Window, { in: items }, { params: { size: 2, step: 2, partial: true } }))
        .out,
    ).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(
      (await runComponent(Window, { in: [1, 2] }, { params: { size: 5, partial: true } })).out,
    ).toEqual([[1, 2]]);
    expect((await runComponent(Window, { in: [1, 2] }, { params: { size: 5 } })).out).toEqual([]);
  });
});
