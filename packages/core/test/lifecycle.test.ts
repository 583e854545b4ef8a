import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, isPlexusError, type NodeHandle, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, FailOn, FastPass, Forever, Pass, Sum } from '@plexus/scenarios/components';

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('end of stream', () => {
  test('ends propagate through a 10-deep pipeline with no code for it in any component', async () => {
    const g = graph();
    const items: unknown[] = [];
    const stages: NodeHandle[] = [g.add('count', Count, { params: { to: 3 } })];
    for (let i = 0; i < 10; i++) stages.push(g.add(`s${i}`, i % 2 ? Pass : FastPass));
    g.pipeline(...stages, g.add('sum', Sum), g.add('sink', collector(items)));
    const ended: string[] = [];
    g.on('component:end', (c) => ended.push(c.name));
    await g.run();
    expect(items).toEqual([6]);
    expect(ended).toEqual([
      'count',
      's0',
      's1',
      's2',
      's3',
      's4',
      's5',
      's6',
      's7',
      's8',
      's9',
      'sum',
      'sink',
    ]);
  });
});

describe('stop', () => {
  test('a stopped component sees its signal abort, with a stop error as the reason', async () => {
    let reason: unknown;
    const Watcher = defineComponent({
      name: 'Watcher',
      description: 'Waits for its signal.',
      async body({ signal }) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        reason = signal.reason;
      },
    });
    const g = graph();
    g.add('watcher', Watcher);
    const done = g.run();
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(isPlexusError(reason, 'ERR_STOPPED')).toBe(true);
    expect((reason as Error).name).toBe('AbortError');
    // A stop is control flow: no stack is captured (costly for a million stopped components).
    expect((reason as Error).stack).not.toMatch(/\n\s+at /);
  });

  test('a pending wait or send rejects on stop, and the component ends as stopped, not failed', async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(g.add('forever', Forever), g.add('pass', Pass), g.add('sink', collector(items)));
    const done = g.run();
    await until(() => items.length > 100);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(g.stats().components.map((c) => [c.name, c.state, c.reason])).toEqual([
      ['forever', 'stopped', 'stop'],
      ['pass', 'stopped', 'stop'],
      ['sink', 'stopped', 'stop'],
    ]);
  });

  test('aborting the signal given to run() stops the graph', async () => {
    const g = graph();
    g.pipeline(g.add('forever', Forever), g.add('sink', collector([])));
    const controller = new AbortController();
    const done = g.run({ signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('a component that ignores stop is abandoned after the stop timeout, and named', async () => {
    const Stubborn = defineComponent({
      name: 'Stubborn',
      description: 'Ignores its signal.',
      async body() {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      },
    });
    const g = graph('main');
    g.add('stubborn', Stubborn);
    const done = g.run({ stopTimeout: 30 });
    await g.stop();
    const error = await done.catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_STOP_TIMEOUT')).toBe(true);
    expect((error as Error).message).toBe(
      "Graph 'main' did not stop within 30 ms: 'stubborn' (Stubborn) kept running. Make long waits watch ctx.signal, and await inboxes and outboxes rather than timers.",
    );
    expect(g.stats().components[0]).toMatchObject({ state: 'stopped', reason: 'unresponsive' });
  });

  test('a graceful stop of a graph that cannot drain (a cycle) falls back to a hard stop', async () => {
    const g = graph();
    const a = g.add('a', Pass);
    const b = g.add('b', Pass);
    const kick = g.add('kick', Count, { params: { to: 1 } });
    g.link(kick.outbox('out'), a.inbox('in'));
    g.link(a.outbox('out'), b.inbox('in'));
    g.link(b.outbox('out'), a.inbox('in'));
    const done = g.run();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await g.stop({ graceful: true, timeout: 20 });
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('a graceful stop spares a component whose inputs have ended while it finishes its work', async () => {
    const Finisher = defineComponent({
      name: 'Finisher',
      description: 'Counts its input, and sends the count a moment after the input ends.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      outboxes: { out: box(z.number(), 'How many arrived.') },
      async body({ inbox, outbox }) {
        let n = 0;
        for await (const _ of inbox.in) n++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        await outbox.out.send(n);
      },
    });
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 3 } }),
      g.add('finisher', Finisher),
      g.add('sink', collector(items)),
    );
    const counted = new Promise((resolve) =>
      g.on('component:end', (c) => c.name === 'count' && resolve(c)),
    );
    const done = g.run();
    await counted;
    await g.stop({ graceful: true });
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(items).toEqual([3]);
  });

  test('stopping a graph that never ran leaves it unable to run', async () => {
    const g = graph('idle');
    await g.stop();
    await expect(g.run()).rejects.toThrow("Graph 'idle' has already run");
  });
});

describe('graceful stop and ctx.draining', () => {
  /** Passes numbers on; records whether a graceful stop had begun when its input ended. */
  const Witness = (seen: boolean[]) =>
    defineComponent({
      name: 'Witness',
      description: 'Passes numbers on and notes ctx.draining at the end.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      outboxes: { out: box(z.number(), 'The same numbers.') },
      async body({ inbox, outbox, draining }) {
        for await (const n of inbox.in) await outbox.out.send(n);
        seen.push(draining.aborted);
      },
    });

  test('a graceful stop aborts ctx.draining in every component, while the sources are halted', async () => {
    const seen: boolean[] = [];
    const g = graph();
    g.pipeline(
      g.add('forever', Forever),
      g.add('witness', Witness(seen)),
      g.add('sink', collector([])),
    );
    const done = g.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await g.stop({ graceful: true });
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(seen).toEqual([true]);
    expect(g.stats().components.map((c) => [c.name, c.state])).toEqual([
      ['forever', 'stopped'],
      ['witness', 'ended'],
      ['sink', 'ended'],
    ]);
  });

  test("a source defined with gracefulStop: 'drain' is left to finish by itself", async () => {
    const items: unknown[] = [];
    const Polite = defineComponent({
      name: 'Polite',
      description: 'Sends numbers until a graceful stop, then a last word, and ends.',
      outboxes: { out: box(z.union([z.number(), z.string()]), 'Numbers, then bye.') },
      gracefulStop: 'drain',
      async body({ outbox, draining }) {
        for (let i = 0; !draining.aborted; i++) {
          await outbox.out.send(i);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        await outbox.out.send('bye');
      },
    });
    const g = graph();
    g.pipeline(g.add('polite', Polite), g.add('sink', collector(items)));
    const done = g.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await g.stop({ graceful: true });
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(items.at(-1)).toBe('bye');
    expect(g.stats().components.find((c) => c.name === 'polite')?.state).toBe('ended');
  });

  test('a hard stop does not abort ctx.draining', async () => {
    let draining: AbortSignal | undefined;
    const Idle = defineComponent({
      name: 'Idle',
      description: 'Waits on its inbox.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox, draining: signal }) {
        draining = signal;
        for await (const _ of inbox.in);
      },
    });
    const g = graph();
    g.pipeline(g.add('forever', Forever), g.add('idle', Idle));
    const done = g.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(draining?.aborted).toBe(false);
  });

  test("defineComponent refuses a gracefulStop other than 'halt' or 'drain'", () => {
    expect(() =>
      defineComponent({
        name: 'Odd',
        description: 'Has a bad gracefulStop.',
        gracefulStop: 'later' as never,
        async body() {},
      }),
    ).toThrow(
      "Component definition 'Odd': its 'gracefulStop' is \"later\"; use 'halt' (the default) or 'drain'",
    );
  });
});

describe('failure', () => {
  test('the first failure stops every other component and rejects the run; later ones do not replace it', async () => {
    const g = graph();
    const failures: string[] = [];
    g.on('component:fail', (c, e) =>
      failures.push(`${c.name}: ${(e as Error).message.slice(0, 40)}`),
    );
    let failEvent: Error | undefined;
    g.on('fail', (e) => {
      failEvent = e;
    });
    g.pipeline(g.add('forever', Forever), g.add('pass', Pass), g.add('sink', collector([])));
    g.pipeline(
      g.add('count', Count),
      g.add('first', FailOn, { params: { value: 2 } }),
      g.add('sink2', collector([])),
    );
    const error = await g.run().catch((e: Error) => e);
    expect((error as Error & { component: string }).component).toBe('first');
    expect(failEvent).toBe(error);
    expect(failures).toHaveLength(1);
    expect(g.stats().components.find((c) => c.name === 'forever')).toMatchObject({
      state: 'stopped',
      reason: 'graph-failed',
    });
  });

  test('a body that throws synchronously fails the run like one that rejects', async () => {
    const Sync = defineComponent({
      name: 'Sync',
      description: 'Throws at once.',
      body() {
        throw new TypeError('no');
      },
    });
    const g = graph();
    g.add('sync', Sync);
    await expect(g.run()).rejects.toThrow("Component 'sync' (Sync, inline) failed: TypeError: no.");
  });

  test('a Plexus error a body lets through is quoted as its own sentence, with no class name or second full stop', async () => {
    const Relink = defineComponent({
      name: 'Relink',
      description: 'Links into a component that has ended, and lets the error through.',
      async body({ graph: scope }) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        scope.link(scope.add('late', Count, { params: { to: 1 } }).outbox('out'), 'done.in');
      },
    });
    const g = graph();
    g.add('relink', Relink);
    g.link(
      g.add('one', Count, { params: { to: 1 } }).outbox('out'),
      g.add('done', collector([])).inbox('in'),
    );
    const error = await g.run().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /^Component 'relink' \(Relink, inline\) failed: Component 'done' \(\w+\) has already seen the end of inbox 'in'.*closes\.$/,
    );
  });

  test('a failing run leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const g = graph();
      g.pipeline(g.add('forever', Forever), g.add('pass', Pass), g.add('sink', collector([])));
      g.pipeline(
        g.add('count', Count),
        g.add('picky', FailOn, { params: { value: 3 } }),
        g.add('sink2', collector([])),
      );
      await expect(g.run()).rejects.toThrow('refusing 3');
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', listener);
    }
    expect(unhandled).toEqual([]);
  });

  test.each([true, false])(
    'with several inboxes, the failure names the inbox that received last, and its message (checked: %s)',
    async (checked) => {
      const Two = defineComponent({
        name: 'Two',
        description: 'Reads inbox a to its end, then one message of b, and throws.',
        inboxes: { a: box(z.number(), 'Numbers.'), b: box(z.number(), 'More numbers.') },
        async body({ inbox }) {
          for await (const n of inbox.a) void n;
          if (await inbox.b.wait()) inbox.b.recv();
          throw new Error('done with b');
        },
      });
      const g = graph();
      const two = g.add('two', Two);
      g.link(g.add('count', Count, { params: { to: 2 } }).outbox('out'), two.inbox('a'));
      g.link(g.add('more', Count, { params: { to: 5 } }).outbox('out'), two.inbox('b'));
      await expect(g.run({ checked })).rejects.toThrow(
        "done with b (the last message it received, on inbox 'b', was 1)",
      );
    },
  );

  test('a thrown non-error value is reported too', async () => {
    const Odd = defineComponent({
      name: 'Odd',
      description: 'Throws a string.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        for await (const n of inbox.in) if (n === 2) throw 'two is odd';
      },
    });
    const g = graph();
    g.pipeline(g.add('count', Count), g.add('odd', Odd));
    await expect(g.run()).rejects.toThrow(
      `Component 'odd' (Odd, inline) failed: threw "two is odd" (the last message it received, on inbox 'in', was 2).`,
    );
  });
});
