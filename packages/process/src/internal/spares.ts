/**
 * Spare child processes: when a unit's child ends, a fresh one is started on the same bundle,
 * with the same flags, environment and working directory, idle and unreferenced; the next unit
 * started with those settings takes it, and finds Node booted and the bundle's host loaded
 * (Plexus and zod) — most of a child's start-up. Its component modules are evaluated only when
 * its unit starts (the bundle is lazy). A spare hosts one unit, and never one after another: no
 * state passes from unit to unit. One left unused is killed after SPARE_IDLE_MS.
 */
import { type ChildHost, type ChildSettings, startChild } from './ChildHost.ts';

/** How long a spare waits for a unit before it is killed. */
const SPARE_IDLE_MS = 10_000;
/**
 * At most this many wait, whatever their settings: enough for the units of a graph of a few,
 * run again; not one per unit of a large graph (each holds a Node process with Plexus loaded).
 */
const MAX_SPARES = 4;

interface Spare {
  readonly key: string;
  readonly host: ChildHost;
  /** Settles once its host is loaded (it answers), or it has failed. */
  readonly ready: Promise<void>;
  readonly timer: NodeJS.Timeout;
}

const spares: Spare[] = [];

function keyOf(settings: ChildSettings): string {
  return JSON.stringify(settings);
}

/** A spare started with `settings`, holding this process alive again, or `undefined`. */
export function takeSpare(settings: ChildSettings): ChildHost | undefined {
  const key = keyOf(settings);
  for (let i = 0; i < spares.length; i++) {
    const spare = spares[i]!;
    if (spare.key !== key) continue;
    spares.splice(i, 1);
    clearTimeout(spare.timer);
    if (spare.host.gone()) {
      drop(spare);
      i--;
      continue;
    }
    spare.host.hold(true);
    return spare.host;
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
 * running then: starting one costs this thread a few milliseconds (a fork, ~10–20), which the
 * run that just ended does not wait for; and a program that exits after its run starts none.
 */
export function startSpare(settings: ChildSettings): void {
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
function start(settings: ChildSettings): void {
  if (spares.length >= MAX_SPARES) return;
  const host = startChild(settings);
  host.hold(false);
  const spare: Spare = {
    key: keyOf(settings),
    host,
    ready: new Promise<void>((resolve) => {
      host.child.once('exit', () => resolve());
      host.remote.ready().then(
        () => resolve(),
        () => resolve(),
      );
    }),
    timer: setTimeout(() => drop(spare), SPARE_IDLE_MS).unref(),
  };
  spares.push(spare);
}

/** Settles once every spare started so far has loaded its host (or failed); with how many wait. */
export async function sparesReady(): Promise<number> {
  const asked = [...pending];
  for (const entry of asked) entry.immediate.ref();
  await Promise.all(asked.map((entry) => entry.started));
  // Held while waited for: an unreferenced child would let this process exit meanwhile.
  const waiting = [...spares];
  for (const spare of waiting) spare.host.hold(true);
  await Promise.all(waiting.map((spare) => spare.ready));
  for (const spare of waiting) if (spares.includes(spare)) spare.host.hold(false);
  return spares.filter((spare) => !spare.host.gone()).length;
}

function drop(spare: Spare): void {
  const at = spares.indexOf(spare);
  if (at >= 0) spares.splice(at, 1);
  clearTimeout(spare.timer);
  if (!spare.host.gone()) spare.host.child.kill('SIGKILL');
}
