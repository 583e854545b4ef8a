/**
 * @plexus/process — the child-process backend: place any component, or a group, on `process`.
 *
 * @packageDocumentation
 */
import type { Backend } from '@plexus/core/backend';
import { liveProcesses, processBackend } from './processBackend.ts';

export type { ProcessBackendOptions, ProcessOptions } from './processBackend.ts';
export { liveProcesses, processBackend };

/** The backend with default options: what `run()` loads when a component is placed on `process`. */
export function createBackend(): Backend {
  return processBackend();
}
