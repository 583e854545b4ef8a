import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { chooser, collectInto, FromItems } from '../../src/index.ts';

describe('chooser', () => {
  test('sends each message to the first route whose test passes, else to otherwise', async () => {
    const route = chooser({ small: (n: number) => n < 10, even: (n: number) => n % 2 === 0 });
    expect(await runComponent(route, { in: [3, 12, 15, 4] })).toEqual({
      small: [3, 4],
      even: [12],
      otherwise: [15],
    });
  });

  test('all sends a message on every route that accepts it', async () => {
    const route = chooser(
      { small: (n: number) => n < 10, even: (n: number) => n % 2 === 0 },
      { all: true },
    );
    expect(await runComponent(route, { in: [4, 7, 20] })).toEqual({
      small: [4, 7],
      even: [4, 20],
      otherwise: [],
    });
  });

  test('otherwise may be renamed, and left unlinked drops unmatched messages', async () => {
    const seen: string[] = [];
    const g = graph();
    const route = g.add(
      'route',
      chooser({ upper: (s: string) => s === s.toUpperCase() }, { otherwise: 'rest' }),
    );
    g.link(
      g.add('words', FromItems, { params: { items: ['A', 'b', 'C'] } }).outbox('out'),
      route.inbox('in'),
    );
    g.link(route.outbox('upper'), g.add('sink', collectInto(seen)).inbox('in'));
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual(['A', 'C']);
    expect(Object.keys(route.definition.outboxes)).toEqual(['upper', 'rest']);
  });

  test('async tests keep the order of messages', async () => {
    const route = chooser({
      odd: async (n: number) => {
        await new Promise((resolve) => setTimeout(resolve, n % 3));
        return n % 2 === 1;
      },
    });
    expect(await runComponent(route, { in: [1, 2, 3, 4, 5] })).toEqual({
      odd: [1, 3, 5],
      otherwise: [2, 4],
    });
  });

  test('a throwing test fails the component naming the message; a route that is not a function is refused at once', async () => {
    const route = chooser({
      bad: (n: number) => {
        if (n > 1) throw new Error('too big to judge');
        return true;
      },
    });
    const failure = (await runComponent(route, { in: [1, 2] }).catch((e: unknown) => e)) as Error;
    expect(failure.message).toContain('(Chooser, inline) failed: Error: too big to judge');
    expect(failure.message).toContain("on inbox 'in', was 2");
    expect(() => chooser({ nope: 42 as never })).toThrow(/route 'nope' that is not a function/);
  });
});
