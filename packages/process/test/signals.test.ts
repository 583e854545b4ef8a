/**
 * A child process takes its stop from its parent, not from signals: it is in a session of its
 * own (a terminal's Ctrl-C to the runner's group does not reach it), and a SIGTERM or SIGINT
 * that does reach it — systemd's stop signals every process of a service — waits for the
 * parent, which has the same signal and relays the stop, so the child drains. A signal meant
 * for the child alone (no stop follows) still ends it, after a grace period.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { liveProcesses, processBackend } from '@plexus/process';
import { collector } from '@plexus/scenarios';
import { PidThenCount } from './fixtures/signalled.ts';

const backends = [processBackend()];

afterEach(() => expect(liveProcesses()).toBe(0));

/** A graph counting in a child: its run, what arrived, and the child's pid once known. */
async function counting() {
  const g = graph('signalled');
  const items: number[] = [];
  g.pipeline(g.add('count', PidThenCount, { backend: 'process' }), g.add('sink', collector(items)));
  const done = g.run({ backends });
  while (items.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
  return { g, done, pid: items[0]!, counted: () => items.slice(1) };
}

describe('a signal to a child process', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s with the parent relaying a graceful stop drains, losing nothing',
    async (signal) => {
      const { g, done, pid, counted } = await counting();
      process.kill(pid, signal);
      await g.stop({ graceful: true });
      await expect(done).resolves.toEqual({ status: 'stopped' });
      const numbers = counted();
      expect(numbers).toEqual(numbers.map((_, i) => i));
      const link = g.stats().links[0]!;
      expect(link.delivered).toBe(link.sent);
    },
  );

  test('meant for the child alone, it ends the child after the grace period', async () => {
    const { done, pid } = await counting();
    const sent = Date.now();
    process.kill(pid, 'SIGTERM');
    const error = await done.catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_UNIT_DIED')).toBe(true);
    expect((error as Error).message).toMatch(
      /^The process \d+ running 'count' \(PidThenCount\) was killed by SIGTERM before its components had finished\.$/,
    );
    expect(Date.now() - sent).toBeGreaterThanOrEqual(1500);
  }, 20_000);
});
