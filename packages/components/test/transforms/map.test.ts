import { afterAll, describe, expect, test } from '@jest/globals';
import { graph, isPlexusError, runComponent, z } from '@plexus/core';
import { checkPlacement } from '@plexus/host';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { collectInto, FromItems, map } from '../../src/index.ts';
import { Double, hiddenMap } from '../fixtures/transforms.ts';

afterAll(() => {
  expect(liveWorkers()).toBe(0);
});

describe('map', () => {
  test('sends fn(message) for every message, in order, and ends with its input', async () => {
    const { out } = await runComponent(
      map((n: number) => n * 10),
      { in: [1, 2, 3] },
    );
    expect(out).toEqual([10, 20, 30]);
  });

  test('awaits an async fn and keeps input order even when later results come sooner', async () => {
    const slowFirst = map(async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, n === 1 ? 20 : 0));
      return `#${n}`;
    });
    expect((await runComponent(slowFirst, { in: [1, 2, 3] })).out).toEqual(['#1', '#2', '#3']);
  });

  test('a throwing fn fails the component, naming the message it was given', async () => {
    const picky = map(
      (n: number) => {
        if (n === 2) throw new RangeError('two is not allowed');
        return n;
      },
      { name: 'Picky' },
    );
    const failure = (await runComponent(picky, { in: [1, 2, 3] }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(isPlexusError(failure, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(failure.message).toContain('(Picky, inline) failed: RangeError: two is not allowed');
    expect(failure.message).toContain("the last message it received, on inbox 'in', was 2");
  });

  test('options.in and options.out schemas are enforced in checked mode', async () => {
    const toText = map((n: number) => (n > 1 ? n : String(n)) as string, {
      in: z.number(),
      out: z.string(),
    });
    const failure = (await runComponent(toText, { in: [1, 2] }).catch((e: unknown) => e)) as Error;
    expect(isPlexusError(failure)).toBe(true);
    expect(failure.message).toMatch(/outbox 'out'/);
  });

  test('the definition is recorded as made where map() was called, not in the library', () => {
    expect(Double.source).toMatch(/test[\\/]fixtures[\\/]transforms\.ts$/);
    expect(map((x: number) => x).source).toMatch(/map\.test\.ts$/);
  });

  test('exported from a module of its own, a map runs on a worker thread', async () => {
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3] } }),
      g.add('double', Double, { backend: 'worker' }),
      g.add('sink', collectInto(seen)),
    );
    await g.run({ backends: [workerBackend()] });
    expect(seen).toEqual([2, 4, 6]);
    expect(g.stats().components.find((c) => c.name === 'double')?.backend).toBe('worker');
  });

  test('made in a test file, a map placed on a worker is refused before the run, saying to move it', () => {
    // The worker backend makes this check before it starts a thread. (It is called directly
    // here: a run that fails this way leaves its planned MessagePorts open and the process
    // would not exit — reported to the core.)
    const triple = map((n: number) => n * 3);
    const planned = { name: 'triple', type: triple.name, module: triple.source ?? '' };
    expect(() => checkPlacement([planned as never], 'worker')).toThrow(
      expect.objectContaining({
        code: 'ERR_NOT_IMPORTABLE',
        message: expect.stringContaining(
          'Move the definition into a module of its own and export it',
        ),
      }),
    );
  });

  test('made inside a function, a map placed on a worker fails, saying it must be exported', async () => {
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1] } }),
      g.add('plus', hiddenMap(), { backend: 'worker' }),
      g.add('sink', collectInto([])),
    );
    const failure = (await g
      .run({ backends: [workerBackend()] })
      .catch((e: unknown) => e)) as Error;
    expect(failure.message).toContain("has no export that is the definition 'Hidden'");
    expect(failure.message).toContain(
      'a definition made inside a function cannot be found by another thread',
    );
  });
});
