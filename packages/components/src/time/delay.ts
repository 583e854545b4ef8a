import { box, defineComponent, z } from '@plexus/core';
import { sleep } from '../internal/sleep.ts';

/**
 * Sends each message `ms` after it arrived, keeping their order and spacing.
 *
 * Messages are taken as they arrive and held until due, so a burst comes out as a burst
 * `ms` later (not one per `ms`). It holds at most `capacity` messages; when that many are
 * waiting it stops taking more, and the link into it fills and holds back the sender. At end
 * of input it still delivers everything it holds, each when due, then ends. Its timers watch
 * the stop signal: a stop (hard, or a graceful one that runs out of time) never waits for them.
 * While it holds messages it waits on its inbox with `inbox.waitFor`, so in a cycle (a retry
 * loop, say) the deadlock watch knows the wait will end, however long `ms` is.
 *
 * @example
 * ```ts
 * import { Delay } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const start = Date.now();
 * const { out } = await runComponent(Delay, { in: ['a', 'b'] }, { params: { ms: 20 } });
 * const late = Date.now() - start >= 20;
 * // out: ['a', 'b'], late: true
 * ```
 */
export const Delay = defineComponent({
  name: 'Delay',
  description: 'Sends each message ms after it arrived, keeping their order and spacing.',
  inboxes: { in: box(z.any(), 'Messages to delay.') },
  outboxes: { out: box(z.any(), 'The same messages, each ms after it arrived.') },
  params: z.object({
    ms: z.number().min(0).describe('Milliseconds to hold each message.'),
    capacity: z
      .number()
      .int()
      .min(1)
      .default(1024)
      .describe('Most messages held at once; beyond that the sender waits.'),
  }),
  async body({ inbox, outbox, params, signal }) {
    const { ms, capacity } = params;
    const input = inbox.in;
    const out = outbox.out;
    const held: { message: unknown; due: number }[] = [];
    let ended = false;
    const sendDue = async () => {
      while (held.length > 0 && held[0]!.due <= Date.now()) await out.send(held.shift()!.message);
    };
    while (!ended || held.length > 0) {
      await sendDue();
      if (ended || held.length >= capacity) {
        if (held.length > 0) await sleep(held[0]!.due - Date.now(), signal);
        continue;
      }
      const ready =
        held.length > 0 ? await input.waitFor(held[0]!.due - Date.now()) : await input.wait();
      if (ready === false) ended = true;
      while (input.dataReady() && held.length < capacity)
        held.push({ message: input.recv(), due: Date.now() + ms });
    }
  },
});
