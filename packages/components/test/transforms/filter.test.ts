import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { workerBackend } from '@plexus/worker';
import { collectInto, FromItems, filter } from '../../src/index.ts';
import { Evens } from '../fixtures/transforms.ts';

describe('filter', () => {
  test('passes on what the predicate accepts and sends the rest on rejected, in order', async () => {
    const { out, rejected } = await runComponent(
      filter((n: number) => n > 2),
      { in: [1, 5, 2, 7] },
    );
    expect(out).toEqual([5, 7]);
    expect(rejected).toEqual([1, 2]);
  });

  test('rejected may be left unlinked: refused messages are dropped', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3, 4] } }),
      g.add(
        'evens',
        filter((n: number) => n % 2 === 0),
      ),
      g.add('sink', collectInto(seen)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([2, 4]);
  });

  test('an async predicate keeps the order', async () => {
    const later = filter(async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, 5 - n));
      return n !== 3;
    });
    expect((await runComponent(later, { in: [1, 2, 3, 4] })).out).toEqual([1, 2, 4]);
  });

  test('a throwing predicate fails the component with its error', async () => {
    const failure = (await runComponent(
      filter(() => {
        throw new Error('cannot decide');
      }),
      { in: [1] },
    ).catch((e: unknown) => e)) as Error;
    expect(failure.message).toContain('(Filter, inline) failed: Error: cannot decide');
  });

  test('exported from a module of its own, a filter runs on a worker thread', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3, 4] } }),
      g.add('evens', Evens, { backend: 'worker' }),
      g.add('sink', collectInto(seen)),
    );
    await g.run({ backends: [workerBackend()] });
    expect(seen).toEqual([2, 4]);
  });
});
