import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, isPlexusError, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Pass, Slow } from '@plexus/scenarios/components';
import { Deaf, Echo } from '@plexus/scenarios/faults';

/** Sends forever and never reads: with a reader that waits for it first, both are stuck. */
const Shout = defineComponent({
  name: 'Shout',
  description: 'Sends n numbers, then reads its inbox.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Numbers.') },
  async body({ inbox, outbox }) {
    for (let i = 0; i < 100; i++) await outbox.out.send(i);
    for await (const _ of inbox.in);
  },
});

describe('deadlock detection', () => {
  test('a cycle with no message in flight is reported, naming the components and their boxes', async () => {
    const g = graph('ring');
    const a = g.add('a', Echo);
    const b = g.add('b', Echo);
    g.link(a.outbox('out'), b.inbox('in'));
    g.link(b.outbox('out'), a.inbox('in'));
    const started = Date.now();
    const error = (await g.run({ deadlockTimeout: 200 }).catch((e: unknown) => e)) as Error;
    expect(isPlexusError(error, 'ERR_DEADLOCK')).toBe(true);
    expect(error.message).toContain(
      "Graph 'ring' is deadlocked: for 200 ms every running component has been waiting on one of its boxes and no message has moved. 'a' (Echo) waits on inbox 'in' (empty; fed by 'b.out'); 'b' (Echo) waits on inbox 'in' (empty; fed by 'a.out').",
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(g.stats().components.map((c) => c.state)).toEqual(['stopped', 'stopped']);
  });

  test('two components each waiting for room the other will never make are reported', async () => {
    const g = graph('jam', { capacity: 4 });
    const a = g.add('a', Shout);
    const b = g.add('b', Shout);
    g.link(a.outbox('out'), b.inbox('in'));
    g.link(b.outbox('out'), a.inbox('in'));
    const error = (await g.run({ deadlockTimeout: 200 }).catch((e: unknown) => e)) as Error;
    expect(isPlexusError(error, 'ERR_DEADLOCK')).toBe(true);
    expect(error.message).toContain(
      "'a' (Shout) waits on outbox 'out' (its link to 'b.in' is full); 'b' (Shout) waits on outbox 'out' (its link to 'a.in' is full).",
    );
  });

  test('stats() says what each running component waits on', async () => {
    const g = graph('ring');
    const a = g.add('a', Echo);
    const b = g.add('b', Echo);
    g.link(a.outbox('out'), b.inbox('in'));
    g.link(b.outbox('out'), a.inbox('in'));
    const done = g.run({ deadlockTimeout: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(g.stats().components).toEqual([
      { name: 'a', type: 'Echo', backend: 'inline', state: 'running', waiting: "inbox 'in'" },
      { name: 'b', type: 'Echo', backend: 'inline', state: 'running', waiting: "inbox 'in'" },
    ]);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('a slow graph is not a deadlock: components waiting on timers keep it alive', async () => {
    const g = graph('slow');
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 3 } }),
      g.add('slow', Slow, { params: { ms: 150 } }),
      g.add('pass', Pass),
      g.add('sink', collector(items)),
    );
    await expect(g.run({ deadlockTimeout: 50 })).resolves.toEqual({ status: 'completed' });
    expect(items).toEqual([1, 2, 3]);
  });

  test('a body that keeps waiting on an ended inbox cannot starve the thread: a timer still stops it', async () => {
    const g = graph('deaf');
    g.pipeline(g.add('count', Count, { params: { to: 3 } }), g.add('deaf', Deaf));
    const done = g.run({ deadlockTimeout: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(g.stats().components[1]).toMatchObject({
      name: 'deaf',
      state: 'running',
      waiting: "inbox 'in', which has ended",
    });
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('when the event loop runs dry, a component awaiting a promise nobody settles fails the run at once', async () => {
    const Forgotten = defineComponent({
      name: 'Forgotten',
      description: 'Awaits a promise nothing settles.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        for await (const _ of inbox.in) await new Promise(() => {});
      },
    });
    const g = graph('forgotten');
    g.pipeline(g.add('count', Count, { params: { to: 1 } }), g.add('forgotten', Forgotten));
    const done = g.run().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // What Node does when nothing is left to run (a test keeps the loop alive, so say it here).
    process.emit('beforeExit', 0);
    const error = (await done) as Error;
    expect(isPlexusError(error, 'ERR_STALLED')).toBe(true);
    expect(error.message).toContain(
      "'forgotten' (Forgotten) awaits something other than its boxes.",
    );
    expect(g.stats().components[1]).toMatchObject({ state: 'stopped', reason: 'unresponsive' });
  });
});
