/**
 * Spare worker threads: when a unit's thread ends, a fresh one is started in its place, idle
 * and unreferenced, so the next unit started with the same settings takes a thread that has
 * already booted Node and loaded the unit host (Plexus, zod, Comlink) — most of a worker's
 * start-up. A spare is used once, by one unit, and never after a unit: no state passes from
 * unit to unit. One left unused is ended after SPARE_IDLE_MS.
 */
import {
  environment,
  startThread,
  type ThreadSettings,
  type WorkerThread,
} from './WorkerThread.ts';

/** How long a spare waits for a unit before it is ended. */
const SPARE_IDLE_MS = 10_000;
/**
 * At most this many wait, whatever their settings: enough for the units of a graph of a few,
 * run again; not one per unit of a large graph (each holds a Node thread with Plexus loaded).
 */
const MAX_SPARES = 4;

interface Spare {
  readonly key: string;
  readonly thread: WorkerThread;
  /** Settles once its host is loaded (it answers), or it has failed. */
  readonly ready: Promise<void>;
  readonly timer: NodeJS.Timeout;
}

const spares: Spare[] = [];

function keyOf(settings: ThreadSettings): string {
  return JSON.stringify(settings);
}

/**
 * A spare started with `settings` and this thread's environment as it is now, referenced again
 * (it keeps this process alive while its unit runs), or `undefined`.
 */
export function takeSpare(settings: ThreadSettings): WorkerThread | undefined {
  const key = keyOf(settings);
  const env = environment();
  for (let i = 0; i < spares.length; i++) {
    const spare = spares[i]!;
    if (spare.key !== key) continue;
    if (spare.thread.gone() || spare.thread.env !== env) {
      // Failed, or started before the environment changed: a new thread would see the change.
      drop(spare);
      i--;
      continue;
    }
    spares.splice(i, 1);
    clearTimeout(spare.timer);
    spare.thread.worker.ref();
    return spare.thread;
  }
  return undefined;
}

/** Spares asked for, to be started on the next turn of the event loop. */
const pending = new Set<{
  readonly immediate: NodeJS.Immediate;
  readonly started: Promise<void>;
}>();

/**
 * Start a spare with `settings` on the next turn of the event loop, if this process is still
 * running then: the run that just ended does not wait for the thread to be made, and a
 * program that exits after its run starts none.
 */
export function startSpare(settings: ThreadSettings): void {
  let resolve!: () => void;
  const started = new Promise<void>((done) => {
    resolve = done;
  });
  const entry = {
    immediate: setImmediate(() => {
      pending.delete(entry);
      start(settings);
      resolve();
    }).unref(),
    started,
  };
  pending.add(entry);
}

/** Start a spare with `settings` now, unless MAX_SPARES are waiting. */
function start(settings: ThreadSettings): void {
  if (spares.length >= MAX_SPARES) return;
  const thread = startThread(settings);
  thread.worker.unref();
  const spare: Spare = {
    key: keyOf(settings),
    thread,
    ready: Promise.race([thread.remote.ready(), thread.exited]).then(
      () => {},
      () => {},
    ),
    timer: setTimeout(() => drop(spare), SPARE_IDLE_MS).unref(),
  };
  spares.push(spare);
}

/** Settles once every spare started so far has loaded its host (or failed); with how many wait. */
export async function sparesReady(): Promise<number> {
  const asked = [...pending];
  for (const entry of asked) entry.immediate.ref();
  await Promise.all(asked.map((entry) => entry.started));
  // Referenced while waited for: an unreferenced thread would let this process exit meanwhile.
  const waiting = [...spares];
  for (const spare of waiting) spare.thread.worker.ref();
  await Promise.all(waiting.map((spare) => spare.ready));
  for (const spare of waiting) if (spares.includes(spare)) spare.thread.worker.unref();
  return spares.filter((spare) => !spare.thread.gone()).length;
}

function drop(spare: Spare): void {
  const at = spares.indexOf(spare);
  if (at >= 0) spares.splice(at, 1);
  clearTimeout(spare.timer);
  void spare.thread.worker.terminate();
}
