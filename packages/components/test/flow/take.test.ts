import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, Skip, Take, Ticker } from '../../src/index.ts';

describe('Take', () => {
  test('passes the first count messages, then ends', async () => {
    expect((await runComponent(Take, { in: [1, 2, 3, 4] }, { params: { count: 2 } })).out).toEqual([
      1, 2,
    ]);
    expect((await runComponent(Take, { in: [1, 2] }, { params: { count: 0 } })).out).toEqual([]);
  });

  test('with while, ends at the first message for which the condition fails, unsent', async () => {
    const { out } = await runComponent(Take, { in: [1, 5, 2, 9] }, { params: { while: '$ < 6' } });
    expect(out).toEqual([1, 5, 2]);
    const both = await runComponent(
      Take,
      { in: [1, 2, 3, 9] },
      { params: { while: '$ < 6', count: 2 } },
    );
    expect(both.out).toEqual([1, 2]);
  });

  test('ending early stops an endless source: the graph completes', async () => {
    const seen: unknown[] = [];
    const g = graph('g');
    g.pipeline(
      g.add('tick', Ticker, { params: { intervalMs: 1, immediate: true } }),
      g.add('take', Take, { params: { count: 3 } }),
      g.add('seen', collectInto(seen)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([0, 1, 2]);
  });

  test('needs count or while', () => {
    expect(() => graph('g').add('t', Take, { params: {} })).toThrow("needs 'count' or 'while'");
  });
});

describe('Skip', () => {
  test('drops the first count messages, or while the condition holds, then passes the rest', async () => {
    expect((await runComponent(Skip, { in: [1, 2, 3, 4] }, { params: { count: 2 } })).out).toEqual([
      3, 4,
    ]);
    const { out } = await runComponent(
      Skip,
      { in: [1, 2, 7, 1, 8] },
      { params: { while: '$ < 5' } },
    );
    expect(out).toEqual([7, 1, 8]);
  });
});
