/**
 * The parallel baseline: the same hashing in bare worker threads, each given its share of the
 * numbers up front and posting each result to the main thread, which times the middle 80 % of
 * the results as Plexus's Meter does. Its speed-up is what this machine allows.
 */
import { Worker } from 'node:worker_threads';
import { scriptArgv } from '../isolated/scriptArgv.ts';
import { RateWindow } from '../measure/rateWindow.ts';

const thread = new URL('./bareHashThread.ts', import.meta.url);

/** Hash `count` numbers `rounds` times each over `threads` bare threads; resolves with results/s. */
export async function bareThreads(count: number, rounds: number, threads: number): Promise<number> {
  const window = new RateWindow(count);
  const workers = Array.from({ length: threads }, (_, t) => {
    const numbers = [];
    for (let n = t; n < count; n += threads) numbers.push(n);
    return new Worker(thread, { execArgv: scriptArgv(), workerData: { numbers, rounds } });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      for (const worker of workers) {
        worker.on('message', () => {
          window.tick();
          if (window.count === count) resolve();
        });
        worker.once('error', reject);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return window.rate();
}
