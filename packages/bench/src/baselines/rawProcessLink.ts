/**
 * The process-link baseline: two bare child processes joined by a Unix socket, the producer
 * writing the same small records in arrays of 1,024, each array one frame (a 4-byte length and
 * its `v8.serialize` bytes — the encoding Plexus uses), with no flow control; the consumer
 * decodes, counts and times the middle 80 %, as Plexus's Meter does.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptArgv } from '../isolated/scriptArgv.ts';

const child = new URL('./rawProcessChild.ts', import.meta.url);

/** Send `count` records from one child process to another in frames of `batch`; resolves with msgs/s. */
export async function rawProcessLink(count: number, batch: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'plexus-bench-'));
  const socket = join(dir, 'link.sock');
  const start = (role: 'produce' | 'consume') =>
    fork(child, [role, String(count), String(batch), socket], {
      execArgv: scriptArgv(),
      stdio: 'inherit',
    });
  const children: ChildProcess[] = [start('consume'), start('produce')];
  try {
    return await new Promise<number>((resolve, reject) => {
      children[0]!.once('message', (rate: number) => resolve(rate));
      for (const c of children) {
        c.once('error', reject);
        c.once('exit', (code, signal) => {
          if (code !== 0 && signal === null)
            reject(new Error(`A raw process-link child exited with code ${code}.`));
        });
      }
    });
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) resolve();
            else {
              c.once('exit', () => resolve());
              c.kill();
            }
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}
