/**
 * Selective-receive scenarios, part of the scenario suite: `inbox.receive(match)` takes the
 * first message that matches and leaves the rest queued in order, gives up at its timeout, ends
 * when no match can come, and keeps links bounded — on every placement, in both body styles.
 */
import { describe, expect, test } from '@jest/globals';
import {
  type AddOptions,
  type Definition,
  type Graph,
  graph,
  isPlexusError,
  type NodeHandle,
  type RunOptions,
} from '@plexus/core';
import { collector } from './collector.ts';
import { AwaitKind, FirstKind, Kinds, StepFirstKind } from './mailbox.ts';
import type { ScenarioTarget } from './scenarioSuite.ts';

export function mailboxScenarios(target: ScenarioTarget): void {
  const run = (g: Graph, options: RunOptions = {}) =>
    g.run({ checked: true, ...target.runOptions, ...options });
  const add = (
    g: Graph,
    name: string,
    definition: Definition,
    options: AddOptions<Definition> = {},
  ): NodeHandle => g.add(name, definition, { ...target.place(name), ...options });

  describe(`selective receive, placed ${target.name}`, () => {
    test.each([
      ['an async body with a zod schema', FirstKind],
      ['a generator body with a predicate', StepFirstKind],
    ])(
      'takes the matching messages first and leaves the others queued in order (%s)',
      async (_style, Picker) => {
        const g = graph('first-kind');
        const out: { kind: string; n: number }[] = [];
        const kinds = add(g, 'kinds', Kinds, {
          params: { kinds: ['a', 'b', 'c'], count: 12, holdMs: 20 },
        });
        const picker = add(g, 'picker', Picker, { params: { first: 'b' } });
        g.link(kinds.outbox('out'), picker.inbox('in'), { capacity: 16 });
        g.link(picker.outbox('out'), g.add('sink', collector(out)).inbox('in'));
        await expect(run(g)).resolves.toEqual({ status: 'completed' });
        const bs = out.filter((r) => r.kind === 'b');
        const rest = out.filter((r) => r.kind !== 'b');
        expect(bs.map((r) => r.n)).toEqual([1, 4, 7, 10]);
        expect(out.slice(0, 4)).toEqual(bs);
        expect(rest.map((r) => r.n)).toEqual([0, 2, 3, 5, 6, 8, 9, 11]);
      },
    );

    test('a receive with a timeout gives up with "timeout", and what it passed over is still there', async () => {
      const g = graph('timeout');
      const out: unknown[] = [];
      const kinds = add(g, 'kinds', Kinds, { params: { kinds: ['a'], count: 3, holdMs: 300 } });
      const waiter = add(g, 'waiter', AwaitKind, { params: { kind: 'z', ms: 50 } });
      g.link(kinds.outbox('out'), waiter.inbox('in'));
      g.link(waiter.outbox('out'), g.add('sink', collector(out)).inbox('in'));
      await run(g);
      expect(out).toEqual([
        'timeout',
        { kind: 'a', n: 0 },
        { kind: 'a', n: 1 },
        { kind: 'a', n: 2 },
      ]);
    });

    test('a receive ends (undefined) once every link in has closed with no match among what is left', async () => {
      const g = graph('ended');
      const out: unknown[] = [];
      const kinds = add(g, 'kinds', Kinds, { params: { kinds: ['a'], count: 2 } });
      const waiter = add(g, 'waiter', AwaitKind, { params: { kind: 'z' } });
      g.link(kinds.outbox('out'), waiter.inbox('in'));
      g.link(waiter.outbox('out'), g.add('sink', collector(out)).inbox('in'));
      await run(g);
      expect(out).toEqual(['ended', { kind: 'a', n: 0 }, { kind: 'a', n: 1 }]);
    });

    test('an inbox full of messages that do not match holds the sender back, and the deadlock names the component waiting for a match', async () => {
      const g = graph('no-match');
      const kinds = add(g, 'kinds', Kinds, { params: { kinds: ['a'], count: 200 } });
      const waiter = add(g, 'waiter', AwaitKind, { params: { kind: 'z' } });
      g.link(kinds.outbox('out'), waiter.inbox('in'), { capacity: 4 });
      g.link(waiter.outbox('out'), g.add('sink', collector([])).inbox('in'));
      const error = (await run(g, { deadlockTimeout: 300 }).catch((e: unknown) => e)) as Error;
      expect(isPlexusError(error, 'ERR_DEADLOCK')).toBe(true);
      expect(error.message).toMatch(
        /'waiter' (\(AwaitKind\) )?waits on inbox 'in' for a message that matches \(4 queued, none matching/,
      );
      expect(error.message).toMatch(/'kinds' (\(Kinds\) )?waits on outbox 'out'/);
      // Bounded: the sender got no further than the link and its crossing allow.
      const sent = g.stats().links.find((l) => l.from === 'kinds.out')?.sent ?? 0;
      expect(sent).toBeLessThan(200);
    });
  });
}
