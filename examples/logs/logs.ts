/**
 * Access logs as a graph: bytes of NDJSON are parsed (`NdjsonDecode`), health checks left out
 * (`filter`), requests aggregated per minute (`PerMinute`), and a report written a line per
 * minute (`Report`, then `WriteLines`) — while the log streams, so a live log (`-`, stdin)
 * gets its report as it grows.
 */
import { filter } from '@plexus/components';
import { box, defineComponent, type Inbox, z } from '@plexus/core';

/** One request, as the access log records it. */
export const LogEntry = z.object({
  time: z.string().describe('When the request ended, ISO 8601 (UTC).'),
  level: z.enum(['info', 'warn', 'error']),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  ms: z.number().describe('How long it took, in milliseconds.'),
});
export type LogEntry = z.infer<typeof LogEntry>;

/** What one minute of requests came to. */
export const MinuteStats = z.object({
  minute: z.string().describe("The minute, 'YYYY-MM-DD HH:MM' (UTC)."),
  requests: z.number().int(),
  failed: z.number().int().describe('Requests answered with a 5xx status.'),
  p50: z.number().describe('Median time, ms.'),
  p95: z.number().describe('95th percentile time, ms.'),
  slowest: z.string().describe("The slowest request, e.g. 'GET /api/search'."),
  slowestMs: z.number(),
  late: z
    .number()
    .int()
    .describe('Entries of minutes already reported, which arrived in this one.'),
});
export type MinuteStats = z.infer<typeof MinuteStats>;

/** Leaves out the load balancer's health checks (`GET /health`): a `filter` from the library. */
export const DropHealthChecks = filter((entry: LogEntry) => entry.path !== '/health', {
  name: 'DropHealthChecks',
  description: "Leaves out the load balancer's health checks (requests for /health).",
  in: LogEntry,
  out: LogEntry,
});

/** Per-minute accumulator. */
class Minute {
  readonly times: number[] = [];
  failed = 0;
  slowest = '';
  slowestMs = -1;
  late = 0;

  add(entry: LogEntry): void {
    this.times.push(entry.ms);
    if (entry.status >= 500) this.failed++;
    if (entry.ms > this.slowestMs) {
      this.slowestMs = entry.ms;
      this.slowest = `${entry.method} ${entry.path}`;
    }
  }

  stats(minute: string): MinuteStats {
    const sorted = this.times.sort((a, b) => a - b);
    const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
    return {
      minute,
      requests: sorted.length,
      failed: this.failed,
      p50: rank(0.5),
      p95: rank(0.95),
      slowest: this.slowest,
      slowestMs: Math.max(this.slowestMs, 0),
      late: this.late,
    };
  }
}

/** The minute of an ISO time, as 'YYYY-MM-DD HH:MM'. */
function minuteOf(time: string): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Aggregates requests per minute. Logs come in time order, give or take: a line is written
 * when its request ends. So a minute stays open until a request two minutes later arrives,
 * then its stats are sent; an entry for a minute already sent is counted as `late` in the
 * oldest minute still open.
 */
export const PerMinute = defineComponent({
  name: 'PerMinute',
  description:
    'Aggregates requests per minute (count, 5xx, median and 95th percentile time, slowest), sending each minute once the log has moved two minutes past it.',
  inboxes: { in: box(LogEntry, 'Log entries, in time order give or take a minute.') },
  outboxes: { out: box(MinuteStats, 'One summary per minute with requests, in order.') },
  async body({ inbox, outbox }) {
    const open = new Map<string, Minute>();
    let reported = '';
    const flushBefore = async (limit: string | undefined) => {
      for (const minute of [...open.keys()].sort()) {
        if (limit !== undefined && minute >= limit) break;
        await outbox.out.send(open.get(minute)!.stats(minute));
        open.delete(minute);
        reported = minute;
      }
    };
    for await (const entry of inbox.in) {
      const minute = minuteOf(entry.time);
      if (minute <= reported) {
        const oldest = [...open.keys()].sort()[0] ?? minute;
        if (!open.has(oldest)) open.set(oldest, new Minute());
        open.get(oldest)!.late++;
        continue;
      }
      if (!open.has(minute)) {
        open.set(minute, new Minute());
        // Two minutes past: everything before the previous minute is complete.
        const previous = minuteOf(
          new Date(Date.parse(`${minute.replace(' ', 'T')}Z`) - 60_000).toISOString(),
        );
        await flushBefore(previous);
      }
      open.get(minute)!.add(entry);
    }
    await flushBefore(undefined);
  },
});

const HEADER = 'minute (UTC)      requests  5xx  p50 ms  p95 ms  slowest';

/**
 * Formats the report: a header, a line per minute as it arrives, and a closing line with the
 * totals and how many log lines could not be read.
 */
export const Report = defineComponent({
  name: 'Report',
  description:
    'Formats per-minute stats as report lines: a header, a row per minute as it comes, then the totals.',
  inboxes: {
    in: box(MinuteStats, 'Per-minute stats, in order.'),
    invalid: box(z.string(), 'Log lines that were not JSON.', { optional: true }),
  },
  outboxes: { out: box(z.string(), 'The lines of the report.') },
  async body({ inbox, outbox, waitAny }) {
    await outbox.out.send(HEADER);
    let minutes = 0;
    let requests = 0;
    let failed = 0;
    let late = 0;
    let invalid = 0;
    for (;;) {
      const ready = await waitAny<Inbox<unknown>>(inbox.in, inbox.invalid);
      if (ready === undefined) break;
      if (ready === inbox.invalid) {
        inbox.invalid.recv();
        invalid++;
        continue;
      }
      const m = inbox.in.recv();
      minutes++;
      requests += m.requests;
      failed += m.failed;
      late += m.late;
      await outbox.out.send(
        `${m.minute}  ${pad(m.requests, 8)}  ${pad(m.failed, 3)}  ${pad(m.p50, 6)}  ${pad(m.p95, 6)}  ${m.slowest} (${count(m.slowestMs)} ms)`,
      );
    }
    const notes = [
      `${count(minutes)} minutes, ${count(requests)} requests, ${count(failed)} failed (5xx)`,
      ...(late > 0 ? [`${count(late)} arrived too late to count`] : []),
      ...(invalid > 0
        ? [
            `${count(invalid)} log ${invalid === 1 ? 'line was' : 'lines were'} not JSON and skipped`,
          ]
        : []),
    ];
    await outbox.out.send(`${notes.join('; ')}.`);
  },
});

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function pad(n: number, width: number): string {
  return count(n).padStart(width);
}
