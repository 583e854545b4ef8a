/**
 * SIGINT and SIGTERM during `plexus run`: the sources stop, what is in flight drains (every
 * number counted so far is printed, in order), the exit code is 130 or 143, and no worker
 * thread or child process is left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { finished, fixtures, start } from './support/plexus.ts';

const forever = join(fixtures, 'forever.graph.yaml');

/** Processes whose environment carries `marker` (Linux: /proc/<pid>/environ). */
function marked(marker: string): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) pids.push(Number(pid));
    } catch {
      // gone, or not ours
    }
  }
  return pids;
}

const cases = [
  ['SIGINT', 130, 'inline'],
  ['SIGTERM', 143, 'inline'],
  ['SIGINT', 130, 'worker'],
  ['SIGTERM', 143, 'process'],
  ['SIGINT', 130, 'process'],
] as const;

describe('a signal during plexus run', () => {
  it.each(cases)(
    '%s drains and exits %i (--backend %s), leaving no process behind',
    async (signal, code, backend) => {
      const marker = `PLEXUS_SIGNAL_TEST_${process.pid}_${signal}_${backend}`;
      const child = start(['run', forever, '--backend', backend], { [marker]: '1' });
      const ran = finished(child);
      // Wait until numbers are flowing, then signal.
      await new Promise<void>((resolve) => {
        let seen = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.split('\n').length > 20) resolve();
        });
      });
      child.kill(signal);
      const { code: exit, stdout, stderr } = await ran;
      expect(exit).toBe(code);
      expect(stderr).toContain(`plexus: ${signal}: stopping the sources and draining`);
      const numbers = stdout.trim().split('\n').map(Number);
      expect(numbers.length).toBeGreaterThanOrEqual(20);
      expect(numbers).toEqual(numbers.map((_, i) => i));
      expect(marked(marker)).toEqual([]);
    },
    30_000,
  );
});
