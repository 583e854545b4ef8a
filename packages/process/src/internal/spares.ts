/**
 * Spare child processes (a {@link SparePool}): when a unit's child ends, a fresh one is started
 * on the same bundle, with the same flags, environment and working directory, idle and
 * unreferenced; the next unit started with those settings takes it, and finds Node booted and
 * the bundle's host loaded (Plexus and zod) — most of a child's start-up. Its component modules
 * are evaluated only when its unit starts (the bundle is lazy).
 */
import { type SpareHost, SparePool } from '@plexus/host';
import { type ChildHost, type ChildSettings, startChild } from './ChildHost.ts';

interface SpareChild extends SpareHost {
  readonly host: ChildHost;
}

const pool = new SparePool<ChildSettings, SpareChild>({
  start(settings) {
    const host = startChild(settings);
    return {
      host,
      gone: () => host.gone(),
      hold: (on) => host.hold(on),
      end: () => void host.child.kill('SIGKILL'),
    };
  },
  ready: ({ host }) =>
    new Promise<void>((resolve) => {
      host.child.once('exit', () => resolve());
      host.remote.ready().then(
        () => resolve(),
        () => resolve(),
      );
    }),
});

/** A spare started with `settings`, holding this process alive again, or `undefined`. */
export function takeSpare(settings: ChildSettings): ChildHost | undefined {
  return pool.take(settings)?.host;
}

/** Start a spare with `settings` on the next turn of the event loop. */
export function startSpare(settings: ChildSettings): void {
  pool.startLater(settings);
}

/** Settles once every spare started so far has loaded its host (or failed); with how many wait. */
export function sparesReady(): Promise<number> {
  return pool.ready();
}
