/**
 * `--contended N`: N worker threads that burn CPU for the whole run, so every benchmark —
 * Plexus and its baselines alike, since they alternate under the same burners — is measured
 * on a machine whose cores are also wanted by other work, as users' machines often are.
 *
 * Each burner runs a tight integer loop and never waits; the operating system shares the cores
 * between the burners and whatever a benchmark starts. A figure that holds its target here
 * shows that nothing on the path spins on a core the other end needs, or waits on a timer that
 * a busy machine turns into a stall.
 */
import { Worker } from 'node:worker_threads';

/** The loop each burner runs until it is terminated. */
const BURN = `
let x = 1;
for (;;) {
  for (let i = 0; i < 1e6; i++) x = Math.imul(x ^ i, 16807) | 0;
  if (x === 0.5) break;
}`;

/** Burners running; `stop` terminates them. */
export interface Contention {
  readonly threads: number;
  stop(): Promise<void>;
}

/** Start `threads` CPU-burning worker threads (none for 0). */
export async function contend(threads: number): Promise<Contention> {
  const burners = Array.from({ length: threads }, () => {
    const worker = new Worker(BURN, { eval: true });
    worker.on('error', () => {});
    return worker;
  });
  // Wait until each has started (its first event-loop turn runs the loop): an 'online' event.
  await Promise.all(burners.map((w) => new Promise((resolve) => w.once('online', resolve))));
  return {
    threads,
    async stop() {
      await Promise.all(burners.map((w) => w.terminate()));
    },
  };
}
