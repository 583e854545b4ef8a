import { describe, expect, test } from '@jest/globals';
import { graph, isPlexusError, runComponent } from '@plexus/core';
import { collectInto, fromIterable } from '../../src/index.ts';
import { until } from '../helpers.ts';

describe('fromIterable', () => {
  test('sends every value of an array, a Set and an async generator, then ends', async () => {
    expect((await runComponent(fromIterable([1, 2, 3]))).out).toEqual([1, 2, 3]);
    expect((await runComponent(fromIterable(new Set(['x', 'y'])))).out).toEqual(['x', 'y']);
    async function* slow() {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield i;
      }
    }
    expect((await runComponent(fromIterable(slow))).out).toEqual([0, 1, 2]);
  });

  test('pulls values only as the link makes room: a generator never runs far ahead', async () => {
    let pulled = 0;
    function* numbers() {
      for (let i = 0; i < 1_000_000; i++) {
        pulled++;
        yield i;
      }
    }
    const g = graph('lazy', { capacity: 8 });
    const Stall = fromIterable(numbers);
    g.add('numbers', Stall);
    const seen: number[] = [];
    const sink = g.add('sink', collectInto(seen));
    g.link('numbers.out', sink.inbox('in'));
    const done = g.run();
    await until(() => seen.length >= 100);
    await g.stop();
    await done;
    expect(pulled).toBeLessThan(seen.length + 100);
  });

  test('a function source is called once per instance, so each instance sends everything', async () => {
    function* two() {
      yield 'a';
      yield 'b';
    }
    const Source = fromIterable(() => two());
    const seen: string[] = [];
    const g = graph();
    const sink = g.add('sink', collectInto(seen));
    g.link(g.add('one', Source).outbox('out'), sink.inbox('in'));
    g.link(g.add('two', Source).outbox('out'), sink.inbox('in'));
    await g.run();
    expect(seen.sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  test('closes the iterator (its finally runs) when stopped', async () => {
    let closed = false;
    function* forever() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    const g = graph();
    const seen: number[] = [];
    g.pipeline(g.add('forever', fromIterable(forever)), g.add('sink', collectInto(seen)));
    const done = g.run();
    await until(() => seen.length > 10);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(closed).toBe(true);
  });

  test('an iterable that throws fails the component with its error', async () => {
    function* broken() {
      yield 1;
      throw new RangeError('out of numbers');
    }
    const failure = await runComponent(fromIterable(broken)).catch((e: unknown) => e);
    expect(isPlexusError(failure, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect((failure as Error).message).toMatch(/FromIterable.*RangeError: out of numbers/);
  });
});

describe('fromIterable and stop', () => {
  test('a stop does not wait for an async iterable stuck in an await of its own', async () => {
    async function* stuck() {
      yield 1;
      await new Promise(() => {});
    }
    const seen: number[] = [];
    const g = graph();
    g.pipeline(g.add('stuck', fromIterable(stuck)), g.add('sink', collectInto(seen)));
    const run = g.run();
    await until(() => seen.length === 1);
    await g.stop();
    await expect(run).resolves.toEqual({ status: 'stopped' });
  });
});
