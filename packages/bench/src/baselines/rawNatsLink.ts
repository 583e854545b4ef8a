/**
 * The nats-link baseline: two bare child processes, one publishing the same small records in
 * arrays of 1,024 (`v8.serialize`, one NATS message each) on a subject, the other subscribed,
 * decoding, counting and timing the middle 80 %, on the same server Plexus uses. No flow
 * control beyond a flush (a round trip to the server) every 16 batches, which keeps the
 * publisher from outrunning the server.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { scriptArgv } from '../isolated/scriptArgv.ts';

const child = new URL('./rawNatsChild.ts', import.meta.url);

/** Publish `count` records in batches of `batch` from one process to another; resolves with msgs/s. */
export async function rawNatsLink(url: string, count: number, batch: number): Promise<number> {
  const subject = `bench.raw.${process.pid}.${Date.now()}`;
  const start = (role: 'produce' | 'consume') =>
    fork(child, [role, String(count), String(batch), url, subject], {
      execArgv: scriptArgv(),
      stdio: 'inherit',
    });
  const children: ChildProcess[] = [start('consume')];
  try {
    return await new Promise<number>((resolve, reject) => {
      children[0]!.on('message', (message: unknown) => {
        if (message === 'ready') children.push(start('produce'));
        else resolve(message as number);
      });
      children[0]!.once('error', reject);
      children[0]!.once('exit', (code) =>
        reject(new Error(`The raw NATS consumer exited (${code}).`)),
      );
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
  }
}
