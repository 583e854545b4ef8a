/**
 * Components that take their whole thread or process down on purpose: the unit-death
 * scenarios place them on a worker or in a child process, where a death must fail the run
 * with a sentence saying what happened, never leave it hanging.
 */
import { box, defineComponent, z } from '@plexus/core';

/** Passes numbers on, and ends its thread or process with `process.exit(code)` on `at`. */
export const ExitAt = defineComponent({
  name: 'ExitAt',
  description: 'Passes numbers on; calls process.exit(code) when it receives `at`.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The numbers before `at`.') },
  params: z.object({ at: z.number(), code: z.number().int().default(3) }),
  async body({ inbox, outbox, params }) {
    for await (const n of inbox.in) {
      if (n === params.at) process.exit(params.code);
      await outbox.out.send(n);
    }
  },
});

/** On its first message, allocates until its heap is exhausted. */
export const Hog = defineComponent({
  name: 'Hog',
  description: 'Keeps allocating from its first message on, until it runs out of memory.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Nothing, ever.') },
  async body({ inbox }) {
    const kept: number[][] = [];
    for await (const n of inbox.in) for (;;) kept.push(new Array(4096).fill(n));
  },
});
