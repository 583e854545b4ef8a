import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, FromItems, flatMap } from '../../src/index.ts';
import { until } from '../helpers.ts';

describe('flatMap', () => {
  test('sends every value fn returns, in order; an empty array drops the message', async () => {
    const words = flatMap((line: string) => line.split(' ').filter(Boolean));
    expect((await runComponent(words, { in: ['to be', '', 'or not'] })).out).toEqual([
      'to',
      'be',
      'or',
      'not',
    ]);
  });

  test('accepts generators, async generators and promises of arrays', async () => {
    const gen = flatMap(function* (n: number) {
      for (let i = 0; i < n; i++) yield n;
    });
    expect((await runComponent(gen, { in: [1, 2] })).out).toEqual([1, 2, 2]);
    const asyncGen = flatMap(async function* (n: number) {
      yield n;
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield -n;
    });
    expect((await runComponent(asyncGen, { in: [1, 2] })).out).toEqual([1, -1, 2, -2]);
    const promised = flatMap(async (n: number) => [n, n]);
    expect((await runComponent(promised, { in: [3] })).out).toEqual([3, 3]);
  });

  test('a generator of many values per message runs only as far as the link has room', async () => {
    let made = 0;
    const many = flatMap(function* (_: number) {
      for (let i = 0; i < 1_000_000; i++) {
        made++;
        yield i;
      }
    });
    const seen: number[] = [];
    const g = graph('lazy', { capacity: 4 });
    g.pipeline(
      g.add('one', FromItems, { params: { items: [0] } }),
      g.add('many', many),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await until(() => seen.length >= 50);
    await g.stop();
    await run;
    expect(made).toBeLessThan(seen.length + 50);
  });

  test('returning something that is not a list fails with ERR_NOT_ITERABLE, saying what to return', async () => {
    const wrong = flatMap((n: number) => n as unknown as number[], { name: 'Wrong' });
    const failure = (await runComponent(wrong, { in: [7] }).catch((e: unknown) => e)) as Error & {
      cause?: { code?: string };
    };
    expect(failure.cause?.code).toBe('ERR_NOT_ITERABLE');
    expect(failure.message).toContain(
      "Component 'Wrong' (Wrong, inline) got 7 from its function for the message 7",
    );
    expect(failure.message).toContain('[] to send nothing, [value] to send one value');
  });
});
