import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collectInto, Trigger } from '../../src/index.ts';
import { advance, manual, start, useFakeClock } from './clock.ts';

useFakeClock();

function triggered(params: Record<string, unknown>) {
  const { Source, push, end } = manual();
  const seen: unknown[] = [];
  const g = graph('g');
  g.pipeline(
    g.add('source', Source),
    g.add('trigger', Trigger, { params: params as never }),
    g.add('seen', collectInto(seen)),
  );
  const done = g.run({ deadlockTimeout: false });
  return {
    seen,
    done,
    push: async (m: unknown) => {
      push(m);
      await advance(0);
    },
    end,
  };
}

describe('Trigger', () => {
  test('sends the message, ignores messages while waiting, then sends then', async () => {
    const t = triggered({ ms: 1_000, after: 'value', afterValue: 'done' });
    await t.push('a');
    await t.push('b');
    expect(t.seen).toEqual(['a']);
    await advance(999);
    expect(t.seen).toEqual(['a']);
    await advance(1);
    expect(t.seen).toEqual(['a', 'done']);
    await t.push('c');
    expect(t.seen).toEqual(['a', 'done', 'c']);
    t.end();
    await advance(1_000);
    await t.done;
    expect(t.seen).toEqual(['a', 'done', 'c', 'done']);
  });

  test('with extend, each message restarts the wait: a watchdog', async () => {
    const t = triggered({ ms: 1_000, first: 'nothing', extend: true, after: 'latest' });
    await t.push(1);
    await advance(800);
    await t.push(2);
    await advance(800);
    expect(t.seen).toEqual([]);
    await advance(200);
    expect(t.seen).toEqual([2]);
    t.end();
    await t.done;
  });

  test('a message for which reset holds cancels the wait', async () => {
    const t = triggered({
      ms: 1_000,
      first: 'value',
      firstValue: 'on',
      after: 'value',
      afterValue: 'off',
      reset: '$ = "stop"',
    });
    await t.push('go');
    await t.push('stop');
    await advance(2_000);
    expect(t.seen).toEqual(['on']);
    t.end();
    await t.done;
  });

  test('runs on its own as a source would not: it needs input', async () => {
    const { seen, done } = start(Trigger, { ms: 10, after: 'message' }, ['x']);
    await advance(10);
    await done;
    expect(seen).toEqual(['x', 'x']);
  });
});
