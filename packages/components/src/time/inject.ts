import { box, defineComponent, z } from '@plexus/core';
import { cronPattern, schedule, sleepUntil, timezone } from '../internal/schedule.ts';
import { sleep } from '../internal/sleep.ts';

/**
 * Sends `{ topic, payload }` once at start, every `intervalMs`, or at the times of a cron
 * pattern (Node-RED's inject node).
 *
 * The message is `{ payload }`, with `topic` if given; without a `payload` param it is the
 * time it was sent (milliseconds since 1970). With neither `intervalMs` nor `cron` it sends
 * once, `delayMs` after the start, and ends; with one of them it sends on that schedule —
 * and first at start too with `once: true` — until `count` messages or a stop. Intervals keep
 * a steady rate, as {@link Ticker}'s do, and a message that waits for room is late rather than
 * followed by a burst. A cron pattern or time zone that is not valid is refused with the
 * params.
 *
 * @example
 * ```ts
 * import { Inject } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // At start, then every 10 ms: three messages in all.
 * const { out } = await runComponent(Inject, {}, {
 *   params: { topic: 'poll', payload: { mode: 'full' }, intervalMs: 10, once: true, count: 3 },
 * });
 * // out: [
 * //   { topic: 'poll', payload: { mode: 'full' } },
 * //   { topic: 'poll', payload: { mode: 'full' } },
 * //   { topic: 'poll', payload: { mode: 'full' } },
 * // ]
 * ```
 */
export const Inject = defineComponent({
  name: 'Inject',
  description: 'Sends { topic, payload } once at start, every intervalMs, or on a cron schedule.',
  outboxes: {
    out: box(
      z.object({ topic: z.string().optional(), payload: z.unknown() }),
      'The message: { payload } (with topic if given).',
    ),
  },
  params: z
    .object({
      payload: z.unknown().optional().describe('The payload (default: the time sent, in ms).'),
      topic: z.string().optional().describe('The topic of every message.'),
      delayMs: z.number().min(0).default(0).describe('Wait this long after the start.'),
      once: z
        .boolean()
        .default(false)
        .describe('With intervalMs or cron: also send at start (after delayMs).'),
      intervalMs: z.number().positive().optional().describe('Send every this many milliseconds.'),
      cron: cronPattern("Send at the times of this cron pattern, e.g. '0 * * * *'.").optional(),
      timezone,
      count: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe('How many to send before ending (default: one, or no limit with a schedule).'),
    })
    .refine((p) => p.intervalMs === undefined || p.cron === undefined, {
      message: "takes 'intervalMs' or 'cron', not both",
      path: ['cron'],
    }),
  async body({ outbox, params, signal }) {
    const repeating = params.intervalMs !== undefined || params.cron !== undefined;
    const count = params.count ?? (repeating ? Number.POSITIVE_INFINITY : 1);
    let sent = 0;
    const send = async () => {
      await outbox.out.send({
        ...(params.topic === undefined ? {} : { topic: params.topic }),
        payload: params.payload === undefined ? Date.now() : params.payload,
      });
      sent++;
    };
    if (count === 0) return;
    if (params.delayMs > 0) await sleep(params.delayMs, signal);
    if (!repeating || params.once) await send();
    if (params.cron !== undefined) {
      const next = schedule(params.cron, params.timezone);
      while (sent < count) {
        const due = next(new Date());
        if (due === undefined) return;
        await sleepUntil(due.getTime(), signal);
        await send();
      }
      return;
    }
    const interval = params.intervalMs;
    if (interval === undefined) return;
    let due = Date.now() + interval;
    while (sent < count) {
      await sleepUntil(due, signal);
      await send();
      due += interval;
      if (Date.now() - due > interval) due = Date.now();
    }
  },
});
