/**
 * @plexus/worker — the worker-thread backend: place any component, or a group, on `worker`.
 *
 * @packageDocumentation
 */
import type { Backend } from '@plexus/core/backend';
import { liveWorkers, workerBackend } from './workerBackend.ts';

export type { WorkerBackendOptions } from './workerBackend.ts';
export { liveWorkers, workerBackend };

/** The backend with default options: what `run()` loads when a component is placed on `worker`. */
export function createBackend(): Backend {
  return workerBackend();
}
