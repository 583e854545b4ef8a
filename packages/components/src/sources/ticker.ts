import { box, defineComponent, z } from '@plexus/core';
import { sleep } from '../internal/sleep.ts';

/**
 * Sends 0, 1, 2, … every `intervalMs`, until `count` ticks or a stop.
 *
 * Ticks keep a steady rate: each is due `intervalMs` after the previous one was due, not
 * after it was sent. A tick that waits for room in a full link is late, and a ticker more
 * than one interval behind starts afresh from now instead of sending a burst to catch up.
 * With `count` it ends after that many ticks; without, it runs until the graph is stopped or
 * nothing downstream listens. Its timer watches the stop signal, so a stop never waits for
 * the next tick.
 *
 * @example
 * ```ts
 * import { Ticker } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // Three ticks, 10 ms apart (the first after 10 ms), then it ends.
 * const { out } = await runComponent(Ticker, {}, { params: { intervalMs: 10, count: 3 } });
 * // out: [0, 1, 2]
 * ```
 */
export const Ticker = defineComponent({
  name: 'Ticker',
  description: 'Sends 0, 1, 2, … every intervalMs, until count ticks or a stop.',
  outboxes: { out: box(z.number().int(), 'The tick number, counting from 0.') },
  params: z.object({
    intervalMs: z.number().positive().default(1000).describe('Milliseconds between ticks.'),
    count: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('How many ticks to send before ending (default: no limit).'),
    immediate: z
      .boolean()
      .default(false)
      .describe('Send the first tick at once instead of after one interval.'),
  }),
  async body({ outbox, params, signal }) {
    const { intervalMs, count = Number.POSITIVE_INFINITY } = params;
    let due = Date.now() + (params.immediate ? 0 : intervalMs);
    for (let tick = 0; tick < count; tick++) {
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait, signal);
      await outbox.out.send(tick);
      due += intervalMs;
      if (Date.now() - due > intervalMs) due = Date.now();
    }
  },
});
