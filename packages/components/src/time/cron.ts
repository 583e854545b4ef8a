import { box, defineComponent, z } from '@plexus/core';
import { cronPattern, schedule, sleepUntil, timezone } from '../internal/schedule.ts';

/**
 * Sends a message at the times of a cron pattern (croner): `{ time, count }`.
 *
 * `pattern` has 5 fields (minute, hour, day of month, month, day of week) or 6 with seconds
 * first — `0 9 * * 1-5` is 9:00 on weekdays, `*\/10 * * * * *` every ten seconds — in
 * `timezone` (default the machine's). Each message is `{ time, count }`: the scheduled time
 * (ISO 8601, UTC) and how many were sent before it. A message that waits for room in a full
 * link is late, and the times passed meanwhile are skipped rather than sent in a burst. With
 * `count` it ends after that many; a pattern that never fires again ends it too; otherwise it
 * runs until stopped. A pattern or time zone that is not valid is refused with the params, so
 * `plexus check` reports it.
 *
 * @example
 * ```ts
 * import { Cron } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // Every second (6 fields, seconds first): the next one, then it ends (count: 1).
 * const { out } = await runComponent(Cron, {}, { params: { pattern: '* * * * * *', count: 1 } });
 * const { time, count } = out[0]!; // time: ISO 8601, UTC
 * const onTheSecond = new Date(time).getMilliseconds() === 0;
 * // count: 0, onTheSecond: true
 * ```
 */
export const Cron = defineComponent({
  name: 'Cron',
  description: 'Sends { time, count } at the times of a cron pattern.',
  outboxes: {
    out: box(
      z.object({ time: z.string(), count: z.number().int() }),
      'The scheduled time (ISO 8601) and how many were sent before.',
    ),
  },
  params: z.object({
    pattern: cronPattern("Cron pattern: 5 fields, or 6 with seconds first, e.g. '0 9 * * 1-5'."),
    timezone,
    count: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('How many to send before ending (default: no limit).'),
  }),
  async body({ outbox, params, signal }) {
    const next = schedule(params.pattern, params.timezone);
    const count = params.count ?? Number.POSITIVE_INFINITY;
    for (let sent = 0; sent < count; sent++) {
      const due = next(new Date());
      if (due === undefined) return;
      await sleepUntil(due.getTime(), signal);
      await outbox.out.send({ time: due.toISOString(), count: sent });
    }
  },
});
