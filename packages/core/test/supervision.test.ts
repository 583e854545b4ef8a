import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, defineGraph, graph, isPlexusError, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Emit, Pass } from '@plexus/scenarios/components';
import { CrashChain, CrashOn, Lap } from '@plexus/scenarios/faults';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
let keys = 0;
const key = () => `core-${++keys}`;

describe('restarting one component (one-for-one)', () => {
  test('a restarted component keeps its links and its inbox; the message it crashed on is dropped', async () => {
    const g = graph('main', { capacity: 4 });
    const items: number[] = [];
    const restarts: [string, string, number][] = [];
    g.on('component:restart', (info, error, n) => restarts.push([info.name, error.message, n]));
    g.pipeline(
      g.add('count', Count, { params: { to: 50 } }),
      g.add('flaky', CrashOn, { params: { value: 7, times: 2, key: key() }, supervise: {} }),
      g.add('sink', collector(items)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    // 7 crashed it once (dropped); the restarted body took the next message, 8, and so on.
    expect(items).toEqual(range(1, 50).filter((n) => n !== 7));
    expect(restarts).toEqual([
      [
        'flaky',
        expect.stringContaining(
          "Component 'flaky' (CrashOn, inline) failed: RangeError: crash 1 on 7",
        ),
        1,
      ],
    ]);
    expect(g.stats().components.find((c) => c.name === 'flaky')).toMatchObject({
      state: 'ended',
      restarts: 1,
    });
    for (const link of g.stats().links) expect(link.delivered).toBe(link.sent);
  });

  test("with onCrash: 'retry', the message it crashed on is delivered to it again, first", async () => {
    const g = graph('main', { capacity: 4 });
    const items: number[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 50 } }),
      g.add('flaky', CrashOn, {
        params: { value: 7, times: 2, key: key() },
        supervise: { onCrash: 'retry' },
      }),
      g.add('sink', collector(items)),
    );
    await g.run();
    // Crashed twice on 7, got it again each time, and passed it on the third time.
    expect(items).toEqual(range(1, 50));
    expect(g.stats().components.find((c) => c.name === 'flaky')?.restarts).toBe(2);
    const link = g.stats().links.find((l) => l.from === 'count.out')!;
    expect([link.sent, link.delivered, link.dropped]).toEqual([50, 50, 0]);
  });

  test('a restart runs the body afresh: its local state starts over', async () => {
    const g = graph('main', { capacity: 2 });
    const items: [number, number][] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 6 } }),
      g.add('flaky', CrashOn, { params: { value: 4, key: key() }, supervise: {} }),
      g.add('lap', Lap, { supervise: {} }),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(items.map(([, n]) => n)).toEqual([1, 2, 3, 5, 6]);
  });

  test('more crashes than maxRestarts within withinMs fail the graph with ERR_RESTART_LIMIT, naming the component and the limit', async () => {
    const g = graph('main');
    g.pipeline(
      g.add('count', Count, { params: { to: 50 } }),
      g.add('flaky', CrashOn, {
        params: { value: 7, times: 10, key: key() },
        supervise: { maxRestarts: 2, withinMs: 60_000, onCrash: 'retry' },
      }),
      g.add('sink', collector([])),
    );
    const error = (await g.run().catch((e: unknown) => e)) as Error & Record<string, unknown>;
    expect(isPlexusError(error, 'ERR_RESTART_LIMIT')).toBe(true);
    expect(error.message).toBe(
      "Component 'flaky' (CrashOn, inline) failed: RangeError: crash 3 on 7 (the last message it received, on inbox 'in', was 7). It crashed more often than the restart policy of component 'flaky' allows (2 restarts within 60000 ms), so its supervisor gave up and the graph fails. Fix the cause, or change the restart policy (maxRestarts, withinMs, or where the group runs).",
    );
    expect(error).toMatchObject({
      component: 'flaky',
      type: 'CrashOn',
      backend: 'inline',
      box: 'in',
      involved: '7',
    });
    expect((error.cause as Error).message).toBe('crash 3 on 7');
    expect(error.stack).toContain('faults.ts');
  });

  test('without a policy a crash still fails the graph', async () => {
    const g = graph('main');
    g.pipeline(
      g.add('count', Count, { params: { to: 50 } }),
      g.add('flaky', CrashOn, { params: { value: 7, key: key() } }),
      g.add('sink', collector([])),
    );
    await expect(g.run()).rejects.toMatchObject({
      code: 'ERR_COMPONENT_FAILED',
      component: 'flaky',
    });
  });

  test('the backoff delays each restart, doubling within the window', async () => {
    const g = graph('main');
    const at: number[] = [];
    g.on('component:restart', () => at.push(Date.now()));
    const started = Date.now();
    g.pipeline(
      g.add('count', Count, { params: { to: 20 } }),
      g.add('flaky', CrashOn, {
        params: { value: 7, times: 2, key: key() },
        supervise: { backoffMs: 40, onCrash: 'retry' },
      }),
      g.add('sink', collector([])),
    );
    await g.run();
    expect(at).toHaveLength(2);
    expect(at[0]! - started).toBeGreaterThanOrEqual(35);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(75);
  });

  test('a stop while a component waits to be restarted ends the run at once, as stopped', async () => {
    const g = graph('main');
    g.pipeline(
      g.add('count', Count, { params: { to: 20 } }),
      g.add('flaky', CrashOn, {
        params: { value: 3, key: key() },
        supervise: { backoffMs: 60_000 },
      }),
      g.add('sink', collector([])),
    );
    const done = g.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = Date.now();
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(Date.now() - stopped).toBeLessThan(5000);
    expect(g.stats().components.find((c) => c.name === 'flaky')?.state).toBe('stopped');
  });
});

describe('restarting a group', () => {
  const run = async (
    strategy: 'one-for-one' | 'one-for-all' | 'rest-for-one',
    onCrash: 'drop' | 'retry',
  ) => {
    const g = graph('main', { capacity: 2 });
    const items: number[] = [];
    const restarted: string[] = [];
    g.on('component:restart', (info) => restarted.push(info.name));
    g.pipeline(
      g.add('count', Count, { params: { to: 100 } }),
      g.add('chain', CrashChain, {
        params: { value: 50, key: key() },
        supervise: { strategy, onCrash },
      }),
      g.add('sink', collector(items)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    return { items, restarted: restarted.sort() };
  };

  test('one-for-one restarts only the member that crashed', async () => {
    const { items, restarted } = await run('one-for-one', 'drop');
    expect(restarted).toEqual(['chain/b']);
    expect(items).toEqual(range(1, 100).filter((n) => n !== 50));
  });

  test('one-for-all restarts every member; with retry, each gets back the message it held, so none is lost', async () => {
    const { items, restarted } = await run('one-for-all', 'retry');
    expect(restarted).toEqual(['chain/a', 'chain/b', 'chain/c']);
    expect(items).toEqual(range(1, 100));
  });

  test('one-for-all with drop loses only the messages the members held, never one in a link', async () => {
    const { items, restarted } = await run('one-for-all', 'drop');
    expect(restarted).toEqual(['chain/a', 'chain/b', 'chain/c']);
    expect(items).not.toContain(50);
    // In order, no duplicates; at most one message lost per member.
    expect(items).toEqual([...new Set(items)].sort((x, y) => x - y));
    expect(items.length).toBeGreaterThanOrEqual(97);
  });

  test('one-for-all leaves a member that has already finished alone: its end of stream stands', async () => {
    const Group = defineGraph({
      name: 'Group',
      description: 'A header that finishes at once, beside a member that crashes later.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      outboxes: { out: box(z.number(), 'Numbers.') },
      params: z.object({ key: z.string() }),
      build(scope, params) {
        const header = scope.add('header', Emit, { params: { items: [1001, 1002, 1003] } });
        const b = scope.add('b', CrashOn, { params: { value: 50, key: params.key } });
        scope.link(header.outbox('out'), scope.outbox('out'));
        scope.link(scope.inbox('in'), b.inbox('in'));
        scope.link(b.outbox('out'), scope.outbox('out'));
      },
    });
    const g = graph('main', { capacity: 2 });
    const items: number[] = [];
    const restarted: string[] = [];
    g.on('component:restart', (info) => restarted.push(info.name));
    g.pipeline(
      g.add('count', Count, { params: { to: 100 } }),
      g.add('group', Group, {
        params: { key: key() },
        supervise: { strategy: 'one-for-all', onCrash: 'retry' },
      }),
      g.add('sink', collector(items)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    // The header ended long before 50 arrived: it is not run again, so its items come once.
    expect(restarted).toEqual(['group/b']);
    expect(items.filter((n) => n > 1000)).toEqual([1001, 1002, 1003]);
    expect(items.filter((n) => n <= 100)).toEqual(range(1, 100));
    expect(g.stats().components.find((c) => c.name === 'group/header')?.state).toBe('ended');
  });

  test('rest-for-one restarts the member that crashed and those added after it', async () => {
    const { items, restarted } = await run('rest-for-one', 'retry');
    expect(restarted).toEqual(['chain/b', 'chain/c']);
    expect(items).toEqual(range(1, 100));
  });

  test('a component whose own policy gives up hands the crash to its composite, which restarts the group', async () => {
    const Inner = defineGraph({
      name: 'Inner',
      description: 'a → b, where b gives up at once.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      outboxes: { out: box(z.number(), 'Numbers.') },
      params: z.object({ key: z.string() }),
      build(scope, params) {
        const a = scope.add('a', Pass);
        const b = scope.add('b', CrashOn, {
          params: { value: 5, key: params.key },
          supervise: { maxRestarts: 0 },
        });
        scope.link(scope.inbox('in'), a.inbox('in'));
        scope.link(a.outbox('out'), b.inbox('in'));
        scope.link(b.outbox('out'), scope.outbox('out'));
      },
    });
    const g = graph('main', { capacity: 2 });
    const restarted: string[] = [];
    g.on('component:restart', (info) => restarted.push(info.name));
    g.pipeline(
      g.add('count', Count, { params: { to: 20 } }),
      g.add('inner', Inner, { params: { key: key() }, supervise: { strategy: 'one-for-all' } }),
      g.add('sink', collector([])),
    );
    await g.run();
    expect(restarted.sort()).toEqual(['inner/a', 'inner/b']);
  });

  test("a graph's own policy supervises its components; composites without one are opened up", async () => {
    const g = graph('main', {
      capacity: 2,
      supervise: { strategy: 'one-for-one', onCrash: 'retry' },
    });
    const items: number[] = [];
    const restarted: string[] = [];
    g.on('component:restart', (info) => restarted.push(info.name));
    g.pipeline(
      g.add('count', Count, { params: { to: 30 } }),
      g.add('chain', CrashChain, { params: { value: 10, key: key() } }),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(restarted).toEqual(['chain/b']);
    expect(items).toEqual(range(1, 30));
  });

  test('a member that does not stop for a group restart fails the graph with ERR_STOP_TIMEOUT, naming it', async () => {
    const Group = defineGraph({
      name: 'Group',
      description: 'A deaf component beside a crashing one.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      outboxes: { out: box(z.number(), 'Numbers.') },
      params: z.object({ key: z.string() }),
      build(scope, params) {
        scope.add('deaf', Deaf);
        const b = scope.add('b', CrashOn, { params: { value: 2, key: params.key } });
        scope.link(scope.inbox('in'), b.inbox('in'));
        scope.link(b.outbox('out'), scope.outbox('out'));
      },
    });
    const g = graph('main');
    g.pipeline(
      g.add('count', Count, { params: { to: 5 } }),
      g.add('group', Group, { params: { key: key() }, supervise: { strategy: 'one-for-all' } }),
      g.add('sink', collector([])),
    );
    const error = (await g.run({ stopTimeout: 100 }).catch((e: unknown) => e)) as Error;
    expect(isPlexusError(error, 'ERR_STOP_TIMEOUT')).toBe(true);
    expect(error.message).toContain(
      "'group/deaf' (Deaf) did not stop within 100 ms to be restarted",
    );
  });
});

describe('restart policies are checked when added', () => {
  test.each([
    [
      { strategy: 'one-for-some' },
      'its strategy "one-for-some" is not one of one-for-one, one-for-all, rest-for-one',
    ],
    [{ maxRestart: 3 }, "'supervise' has no setting 'maxRestart' (did you mean 'maxRestarts'?)"],
    [{ maxRestarts: 1.5 }, "'maxRestarts' must be a whole number of 0 or more; got 1.5"],
    [{ withinMs: -1 }, "'withinMs' must be a number of 0 or more; got -1"],
    [{ onCrash: 'ignore' }, `'onCrash' must be 'drop' or 'retry'; got "ignore"`],
  ])('%j', (policy, problem) => {
    const g = graph('main');
    expect(() =>
      g.add('flaky', CrashOn, { params: { value: 1 }, supervise: policy as never }),
    ).toThrow(`The restart policy of component 'flaky' (CrashOn) is not valid: ${problem}.`);
  });
});

/** Ignores stop for half a second. */
const Deaf = defineComponent({
  name: 'Deaf',
  description: 'Waits 500 ms, ignoring its signal.',
  async body() {
    await new Promise((resolve) => setTimeout(resolve, 500));
  },
});
