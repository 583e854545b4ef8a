/**
 * Cron schedules (croner) as params, and sleeping until a time: a pattern or time zone that
 * croner or Intl refuses is refused with the params (so `plexus check` reports it), and a
 * wait longer than a timer can hold (about 24.8 days) is taken in steps.
 */
import { z } from '@plexus/core';
import { Cron } from 'croner';
import { sleep } from './sleep.ts';

/** A cron pattern param: 5 fields, or 6 with seconds first (`*\/10 * * * * *`). */
export function cronPattern(description: string) {
  return z
    .string()
    .min(1)
    .superRefine((pattern, ctx) => {
      try {
        new Cron(pattern, { paused: true });
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `is not a valid cron pattern: ${(error as Error).message.replace(/^CronPattern: /, '')}; write 5 fields (minute hour day month weekday) or 6 with seconds first, e.g. '*/10 * * * * *'`,
          input: pattern,
        });
      }
    })
    .describe(description);
}

/** A time zone param, e.g. `Europe/Paris` (default: the machine's). */
export const timezone = z
  .string()
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: "is not a time zone; use an IANA name such as 'Europe/Paris' or 'UTC'" },
  )
  .optional()
  .describe("IANA time zone of the pattern, e.g. 'Europe/Paris' (default: the machine's).");

/** A schedule: the next time it fires after `from`, or undefined if never. */
export function schedule(
  pattern: string,
  zone: string | undefined,
): (from: Date) => Date | undefined {
  const cron = new Cron(pattern, {
    paused: true,
    ...(zone === undefined ? {} : { timezone: zone }),
  });
  return (from) => cron.nextRun(from) ?? undefined;
}

/** The longest a timer can wait. */
const MAX_TIMER = 2 ** 31 - 1;

/** Sleep until `due` (a Date.now() time), or reject when `signal` aborts. */
export async function sleepUntil(due: number, signal: AbortSignal): Promise<void> {
  for (let left = due - Date.now(); left > 0; left = due - Date.now())
    await sleep(Math.min(left, MAX_TIMER), signal);
}
