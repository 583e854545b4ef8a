/**
 * `plexus run` killed with SIGKILL — which no handler sees — leaves nothing behind: its child
 * processes see their IPC channel close and exit, and worker threads die with the process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { finished, fixtures, start } from './support/plexus.ts';

/** Processes whose environment carries `marker` (Linux: /proc/<pid>/environ). */
function marked(marker: string): number[] {
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // A zombie has exited: it only waits for its parent to collect its status.
      if (/^\d+ \(.*\) Z /.test(stat)) continue;
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) pids.push(Number(pid));
    } catch {
      // gone, or not ours
    }
  }
  return pids;
}

describe('the runner killed with SIGKILL', () => {
  it('leaves no child process or worker thread behind', async () => {
    const marker = `PLEXUS_ORPHAN_TEST_${process.pid}`;
    const child = start(['run', join(fixtures, 'orphans.graph.yaml')], { [marker]: '1' });
    const ran = finished(child);
    // Running for real: a number has gone through the process and the worker to stdout.
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (/\d/.test(chunk.toString())) resolve();
      });
      child.once('exit', () => reject(new Error('plexus run ended before printing')));
    });
    const before = marked(marker);
    // The command, the runner (from source, a second Node) and the component's child process.
    expect(before.length).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    expect((await ran).signal).toBe('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (marked(marker).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marked(marker)).toEqual([]);
  }, 30_000);
});
