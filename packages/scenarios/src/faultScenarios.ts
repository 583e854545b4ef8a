/**
 * Fault scenarios, part of the scenario suite: a supervised component restarts where it runs
 * — inline, in its worker, in its process — keeping its links and what its inbox holds; a
 * group placed together restarts together; a deadlock is reported wherever it happens; and a
 * message that cannot cross a boundary fails its sender, in fast mode too.
 */
import { describe, expect, test } from '@jest/globals';
import { graph, isPlexusError, type Placement } from '@plexus/core';
import { collector } from './collector.ts';
import { Count, FailOn, Forever, Pass, SendFunction } from './components.ts';
import {
  CrashChain,
  CrashOn,
  Deaf,
  Echo,
  Hold,
  Ping,
  StepTally,
  Tally,
  WaitTally,
} from './faults.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';

let keys = 0;

export function faultScenarios(target: ScenarioTarget): void {
  const { run, add } = placed(target);
  const range = (to: number) => Array.from({ length: to }, (_, i) => i + 1);
  const key = () => `${target.name}-${++keys}`;
  // In a thread or process of its own (a group named after it), where it is not inline.
  const apart = (name: string): Placement => {
    const placement = target.place(name);
    const backend = placement.backend;
    return backend === undefined || backend === 'inline'
      ? placement
      : { ...placement, group: name };
  };

  describe(`supervision, placed ${target.name}`, () => {
    test('a restarted component keeps its links and its inbox; the message it crashed on is dropped', async () => {
      const g = graph('restart', { capacity: 4 });
      const items: number[] = [];
      const restarts: string[] = [];
      g.on('component:restart', (info, error) => restarts.push(`${info.name}: ${error.message}`));
      g.pipeline(
        add(g, 'count', Count, { params: { to: 200 } }),
        add(g, 'flaky', CrashOn, { params: { value: 50, times: 2, key: key() }, supervise: {} }),
        g.add('sink', collector(items)),
      );
      await expect(run(g)).resolves.toEqual({ status: 'completed' });
      expect(items).toEqual(range(200).filter((n) => n !== 50));
      expect(restarts).toEqual([
        expect.stringMatching(
          /^flaky: Component 'flaky' \(CrashOn, .+\) failed: RangeError: crash 1 on 50/,
        ),
      ]);
      expect(g.stats().components.find((c) => c.name === 'flaky')).toMatchObject({
        state: 'ended',
        restarts: 1,
      });
    });

    test("with onCrash: 'retry' every message is delivered, the one it crashed on again", async () => {
      const g = graph('retry', { capacity: 4 });
      const items: number[] = [];
      g.pipeline(
        add(g, 'count', Count, { params: { to: 200 } }),
        add(g, 'flaky', CrashOn, {
          params: { value: 50, times: 2, key: key() },
          supervise: { onCrash: 'retry' },
        }),
        g.add('sink', collector(items)),
      );
      await run(g);
      expect(items).toEqual(range(200));
    });

    test('past maxRestarts the graph fails with ERR_RESTART_LIMIT, naming the component and where it ran', async () => {
      const g = graph('limit');
      g.pipeline(
        add(g, 'count', Count, { params: { to: 100 } }),
        add(g, 'flaky', CrashOn, {
          params: { value: 5, times: 10, key: key() },
          supervise: { maxRestarts: 1, onCrash: 'retry' },
        }),
        g.add('sink', collector([])),
      );
      const error = (await run(g).catch((e: unknown) => e)) as Error & Record<string, unknown>;
      expect(isPlexusError(error, 'ERR_RESTART_LIMIT')).toBe(true);
      expect(error).toMatchObject({
        component: 'flaky',
        backend: target.place('flaky').backend ?? 'inline',
      });
      expect(error.message).toMatch(
        /^Component 'flaky' \(CrashOn, .+\) failed: RangeError: crash 2 on 5 .* It crashed more often than the restart policy of component 'flaky' allows \(1 restart within 5000 ms\), so its supervisor gave up and the graph fails\./,
      );
    });

    test('a group placed together restarts together (one-for-all), losing nothing with retry', async () => {
      const g = graph('group', { capacity: 2 });
      const items: number[] = [];
      const restarted: string[] = [];
      g.on('component:restart', (info) => restarted.push(info.name));
      g.pipeline(
        add(g, 'count', Count, { params: { to: 200 } }),
        add(g, 'chain', CrashChain, {
          params: { value: 100, key: key() },
          supervise: { strategy: 'one-for-all', onCrash: 'retry' },
        }),
        g.add('sink', collector(items)),
      );
      await run(g);
      expect(restarted.sort()).toEqual(['chain/a', 'chain/b', 'chain/c']);
      expect(items).toEqual(range(200));
    });
  });

  describe(`failure, placed ${target.name}`, () => {
    test.each([
      ['an async', 'one place', Tally],
      ['a wait/recv', 'places apart', WaitTally],
      ['a generator', 'places apart', StepTally],
    ] as const)(
      'a failure stops the graph hard: %s body downstream never sees its input end (%s)',
      async (_style, layout, Tallying) => {
        const g = graph('fail-fast');
        const reports: string[] = [];
        g.on('component:progress', (info, done) => reports.push(`${info.name} reported ${done}`));
        const items: unknown[] = [];
        const at = (name: string) => (layout === 'one place' ? target.place(name) : apart(name));
        g.pipeline(
          g.add('count', Count, { ...at('count'), params: { to: 100 } }),
          g.add('picky', FailOn, { ...at('picky'), params: { value: 50 } }),
          g.add('tally', Tallying, at('tally')),
          g.add('sink', collector(items)),
        );
        const error = (await run(g).catch((e: unknown) => e)) as Error & Record<string, unknown>;
        expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
        expect(error.component).toBe('picky');
        // No clean end reached 'tally': it reported nothing and sent nothing.
        expect(reports).toEqual([]);
        expect(items).toEqual([]);
        expect(g.stats().components.find((c) => c.name === 'tally')?.state).toBe('stopped');
      },
    );
  });

  describe(`hard stop, placed ${target.name}`, () => {
    test('a hard stop cuts the graph: a component downstream never sees its input end', async () => {
      const g = graph('cut');
      const reports: string[] = [];
      g.on('component:progress', (info, done) => reports.push(`${info.name} reported ${done}`));
      const items: unknown[] = [];
      g.pipeline(
        add(g, 'forever', Forever),
        g.add('tally', Tally, apart('tally')),
        g.add('sink', collector(items)),
      );
      const done = run(g);
      await until(() => (g.stats().links[0]?.sent ?? 0) >= 10);
      await g.stop();
      await expect(done).resolves.toEqual({ status: 'stopped' });
      expect(reports).toEqual([]);
      expect(items).toEqual([]);
    });
  });

  describe(`deadlock, placed ${target.name}`, () => {
    test('a cycle with no message in flight fails the run with ERR_DEADLOCK, naming who waits on what', async () => {
      const g = graph('ring');
      const a = add(g, 'a', Echo);
      const b = add(g, 'b', Echo);
      g.link(a.outbox('out'), b.inbox('in'));
      g.link(b.outbox('out'), a.inbox('in'));
      const error = (await run(g, { deadlockTimeout: 300 }).catch((e: unknown) => e)) as Error;
      expect(isPlexusError(error, 'ERR_DEADLOCK')).toBe(true);
      expect(error.message).toMatch(/'a' (\(Echo\) )?waits on inbox 'in'/);
      expect(error.message).toMatch(/'b' (\(Echo\) )?waits on inbox 'in'/);
    });

    test('a component that keeps waiting on its inbox after it ended is reported, not left spinning', async () => {
      const g = graph('deaf');
      g.pipeline(add(g, 'count', Count, { params: { to: 5 } }), add(g, 'deaf', Deaf));
      const error = (await run(g, { deadlockTimeout: 300 }).catch((e: unknown) => e)) as Error;
      expect(isPlexusError(error, 'ERR_DEADLOCK')).toBe(true);
      expect(error.message).toMatch(
        /'deaf' (\(Deaf\) )?keeps waiting on inbox 'in', which has ended/,
      );
      expect(error.message).toContain('A body must end once its inbox has ended');
    });

    test('a cycle whose component waits on its inbox with a timeout is not a deadlock, however long', async () => {
      const g = graph('retry');
      const ping = add(g, 'ping', Ping, { params: { laps: 2 } });
      const hold = add(g, 'hold', Hold, { params: { ms: 700 } });
      g.link(ping.outbox('out'), hold.inbox('in'));
      g.link(hold.outbox('out'), ping.inbox('in'));
      const started = Date.now();
      await expect(run(g, { deadlockTimeout: 200 })).resolves.toEqual({ status: 'completed' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    });
  });

  // Only where the placement crosses a thread or process boundary: inline, in fast mode, a
  // function is just a value.
  const offMain = (name: string) => {
    const backend = target.place(name).backend;
    return backend !== undefined && backend !== 'inline';
  };
  const crossings = [
    ['from the main thread', 'pass'],
    ['to the main thread', 'sender'],
  ].filter(([, placed]) => offMain(placed!));
  if (crossings.length > 0) {
    describe(`messages that cannot cross, in fast mode, placed ${target.name}`, () => {
      test.each(crossings)(
        'a function sent %s fails the sender, naming its outbox and where the function is',
        async (_, placed) => {
          const g = graph();
          const at = (name: string) => (name === placed ? target.place(name) : {});
          g.pipeline(
            g.add('sender', SendFunction, at('sender')),
            g.add('pass', Pass, at('pass')),
            g.add('sink', collector([])),
          );
          const error = (await run(g, { checked: false }).catch((e: unknown) => e)) as Error;
          expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
          expect(error.message).toMatch(
            /^Component 'sender' \(SendFunction, (inline|worker thread \d+|process \d+|nats node '[\w-]+' \(host [^)]+\), process \d+)\) sent a message on outbox 'out' that cannot cross a thread or process boundary: message\.run is a function \(run\)\./,
          );
        },
      );
    });
  }
}

/** Resolve once `condition()` holds (checked every few milliseconds). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}
