/**
 * Spare worker threads (a {@link SparePool}): when a unit's thread ends, a fresh one is started
 * in its place, idle and unreferenced, so the next unit started with the same settings takes a
 * thread that has already booted Node and loaded the unit host (Plexus, zod, Comlink) — most of
 * a worker's start-up. A spare made before `process.env` changed is not taken: a new thread
 * would see the change.
 */
import { type SpareHost, SparePool } from '@plexus/host';
import {
  environment,
  startThread,
  type ThreadSettings,
  type WorkerThread,
} from './WorkerThread.ts';

interface SpareThread extends SpareHost {
  readonly thread: WorkerThread;
}

const pool = new SparePool<ThreadSettings, SpareThread>({
  start(settings) {
    const thread = startThread(settings);
    return {
      thread,
      gone: () => thread.gone(),
      hold: (on) => (on ? thread.worker.ref() : thread.worker.unref()),
      end: () => void thread.worker.terminate(),
    };
  },
  ready: ({ thread }) => Promise.race([thread.remote.ready(), thread.exited]),
  fits: ({ thread }) => thread.env === environment(),
});

/** A spare started with `settings` and this thread's environment as it is now, or `undefined`. */
export function takeSpare(settings: ThreadSettings): WorkerThread | undefined {
  return pool.take(settings)?.thread;
}

/** Start a spare with `settings` on the next turn of the event loop. */
export function startSpare(settings: ThreadSettings): void {
  pool.startLater(settings);
}

/** Settles once every spare started so far has loaded its host (or failed); with how many wait. */
export function sparesReady(): Promise<number> {
  return pool.ready();
}
