/**
 * Selective-receive scenarios, part of the scenario suite: `inbox.receive(match)` takes the
 * first message that matches and leaves the rest queued in order, gives up at its timeout, ends
 * when no match can come, and keeps links bounded — on every placement, in both body styles.
 */
import { describe, expect, test } from '@jest/globals';
import { graph, isPlexusError, type RunOptions } from '@plexus/core';
import { collector } from './collector.ts';
import { Script, Tally } from './handlers.ts';
import { AwaitKind, FirstKind, Kinds, StepFirstKind } from './mailbox.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';

export function mailboxScenarios(target: ScenarioTarget): void {
  const { run, add } = placed(target);

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
      const kinds = add(g, 'kinds', Kinds, { params: { kinds: ['a'], count: 3, holdMs: 60_000 } });
      const waiter = add(g, 'waiter', AwaitKind, { params: { kind: 'z', ms: 50, more: 3 } });
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
  describe(`tagged handlers, placed ${target.name}`, () => {
    const script = (messages: unknown[], options: RunOptions = {}) => {
      const g = graph('tally');
      const out: string[] = [];
      const source = add(g, 'script', Script, { params: { messages } });
      const tally = add(g, 'tally', Tally, { params: { start: 1 } });
      g.link(source.outbox('out'), tally.inbox('in'));
      g.link(tally.outbox('out'), g.add('sink', collector(out)).inbox('in'));
      return { out, done: run(g, options) };
    };

    test('each message goes to the handler of its tag, with the state the last one left', async () => {
      const { out, done } = script([
        { tag: 'add', n: 2 },
        { tag: 'report', label: 'a' },
        { tag: 'double' },
        { tag: 'add', n: 4 },
        { tag: 'report', label: 'b' },
      ]);
      await expect(done).resolves.toEqual({ status: 'completed' });
      expect(out).toEqual(['a=3', 'b=10']);
    });

    test('an unknown tag fails the component, naming the tag and the tags it knows', async () => {
      const { out, done } = script(
        [
          { tag: 'report', label: 'a' },
          { tag: 'subtract', n: 1 },
        ],
        {
          checked: false,
        },
      );
      const error = (await done.catch((e: unknown) => e)) as Error & Record<string, unknown>;
      expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
      expect(error.component).toBe('tally');
      expect(error.message).toContain(
        'received a message tagged "subtract" on inbox \'in\', which has no handler for it (its tags are: add, double, report)',
      );
      // What it sent before it failed may not reach the sink: a failed graph stops every
      // component at once, and a link across a boundary may still be carrying it then.
      expect(out).toEqual(['a=1'].slice(0, out.length));
    });
  });
}
