/**
 * @plexus/process — the child-process backend: place any component, or a group, on `process`.
 *
 * @packageDocumentation
 */
import type { Backend } from '@plexus/core/backend';
import { liveProcesses, processBackend, spareProcesses } from './processBackend.ts';

export type { ProcessBackendOptions, ProcessOptions } from './processOptions.ts';
export { liveProcesses, processBackend, spareProcesses };

/**
 * The backend with default options: what `run()` loads when a component is placed on `process`.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { createBackend } from '@plexus/process';
 *
 * await graph('empty').run({ backends: [createBackend()] });
 * ```
 */
export function createBackend(): Backend {
  return processBackend();
}
