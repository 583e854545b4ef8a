import type { Backend, LaunchedUnit } from '@plexus/core/backend';
import { defineBackend } from '@plexus/core/backend';
import { sparesReady } from './internal/spares.ts';
import { launchWorker } from './launchWorker.ts';
import type { WorkerBackendOptions } from './WorkerBackendOptions.ts';

const live = new Set<LaunchedUnit>();

/**
 * How many worker threads this backend has started that have not exited yet.
 *
 * @example
 * ```ts
 * import { liveWorkers } from '@plexus/worker';
 *
 * process.on('exit', () => console.assert(liveWorkers() === 0, 'a worker thread outlived its run'));
 * ```
 */
export function liveWorkers(): number {
  return live.size;
}

/**
 * How many spare worker threads wait for a unit, once every one started so far is ready.
 *
 * A unit's thread that ends is replaced by a fresh one (`WorkerBackendOptions.spares`), which
 * boots while the program goes on. Await this before timing something else, so the spares'
 * start-up does not share its cores, or to see that a next unit will find one.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { spareWorkers } from '@plexus/worker';
 * import { Hash } from './components.ts';
 *
 * const g = graph();
 * g.add('hash', Hash, { backend: 'worker' });
 * await g.run();
 * console.log(`${await spareWorkers()} worker(s) ready for the next run`);
 * ```
 */
export function spareWorkers(): Promise<number> {
  return sparesReady();
}

/**
 * The worker-thread backend: each unit — a component placed on `worker`, or a group of them —
 * runs in its own worker thread, with the same runtime as inline.
 *
 * Links between two workers are MessageChannels transferred to both, so the main thread never
 * relays their data; messages cross in batches, with credit-based flow control that keeps
 * every link within its capacity. The control plane (start, stop, events, counters) uses
 * Comlink. A worker that exits, throws at top level or runs out of memory fails the graph,
 * and every worker is terminated when the run ends — a fresh one, idle, takes its place for
 * the next unit (`spares`). Placement options: `resourceLimits` (the
 * young generation is capped at 3 MB unless they set `maxYoungGenerationSizeMb`).
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { workerBackend } from '@plexus/worker';
 * import { Count, Hash } from './components.ts';
 *
 * const g = graph();
 * g.pipeline(g.add('count', Count), g.add('hash', Hash, { backend: 'worker' }));
 * await g.run({ backends: [workerBackend()] });
 * ```
 */
export function workerBackend(options: WorkerBackendOptions = {}): Backend {
  return defineBackend({
    name: 'worker',
    placementOptions: ['resourceLimits'],
    live,
    launch: async (plan) => launchWorker(plan, options),
  });
}
