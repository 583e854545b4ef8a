/**
 * A component at idle priority that waits on an empty inbox is woken for a message only when
 * nothing else on its thread has work, in both body styles (its sends and its waits on a
 * non-empty inbox are held for idle time elsewhere; this is the wake-up of one that waited).
 */
import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, type Steps, z } from '@plexus/core';

/** Numbers 1…to, as fast as the link takes them. */
const Count = defineComponent({
  name: 'Count',
  description: 'Sends 1 to `to`.',
  outboxes: { out: box(z.number(), 'Numbers.') },
  params: z.object({ to: z.number().int() }),
  async body({ outbox, params }) {
    for (let n = 1; n <= params.to; n++) await outbox.out.send(n);
  },
});

/** Three ticks, a moment after it starts (once whoever it feeds waits on an empty inbox). */
const Ticks = defineComponent({
  name: 'Ticks',
  description: 'Sends three ticks after a millisecond.',
  outboxes: { out: box(z.string(), 'Ticks.') },
  async body({ outbox }) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    for (let i = 0; i < 3; i++) await outbox.out.send(`tick-${i}`);
  },
});

/** Enough numbers to keep the thread busy over many scheduler slices. */
const BUSY = 200_000;

/** Components that write what they receive into `log`, in an async and a generator body. */
function writers(log: unknown[]) {
  const inboxes = { in: box(z.unknown(), 'Anything.') };
  return {
    async: defineComponent({
      name: 'Write',
      description: 'Writes what it receives.',
      inboxes,
      async body({ inbox }) {
        for await (const message of inbox.in) log.push(message);
      },
    }),
    generator: defineComponent({
      name: 'StepWrite',
      description: 'Writes what it receives (a generator body).',
      inboxes,
      *body({ inbox }): Steps {
        while (yield inbox.in) log.push(inbox.in.recv());
      },
    }),
  };
}

describe('an idle-priority component waiting on its inbox', () => {
  test.each(['async', 'generator'] as const)(
    'is woken for a message only once the busy components beside it have no work (%s body)',
    async (style) => {
      const log: unknown[] = [];
      const write = writers(log)[style];
      const g = graph('idle-receiver');
      g.pipeline(g.add('count', Count, { params: { to: BUSY } }), g.add('busy', write));
      g.pipeline(g.add('ticks', Ticks), g.add('idle', write, { priority: 'idle' }));
      await g.run();
      expect(log.length).toBe(BUSY + 3);
      expect(log.slice(BUSY)).toEqual(['tick-0', 'tick-1', 'tick-2']);
    },
  );

  test('at normal priority the same component writes among them', async () => {
    const log: unknown[] = [];
    const { async: write } = writers(log);
    const g = graph('normal-receiver');
    g.pipeline(g.add('count', Count, { params: { to: BUSY } }), g.add('busy', write));
    g.pipeline(g.add('ticks', Ticks), g.add('idle', write));
    await g.run();
    expect(log.indexOf('tick-0')).toBeLessThan(BUSY);
  });
});
