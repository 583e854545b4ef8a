/**
 * @plexus/worker — the worker-thread backend: place any component, or a group, on `worker`.
 *
 * @packageDocumentation
 */
import type { Backend } from '@plexus/core/backend';
import { liveWorkers, spareWorkers, workerBackend } from './workerBackend.ts';

export type { WorkerBackendOptions } from './WorkerBackendOptions.ts';
export { liveWorkers, spareWorkers, workerBackend };

/**
 * The backend with default options: what `run()` loads when a component is placed on `worker`.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { createBackend } from '@plexus/worker';
 *
 * await graph('empty').run({ backends: [createBackend()] });
 * ```
 */
export function createBackend(): Backend {
  return workerBackend();
}
