/** What `workerBackend()` is told: the workers' default resource limits and output sinks. */
import type { ResourceLimits } from 'node:worker_threads';

/**
 * Options of the worker backend.
 *
 * Default resource limits of every worker (a placement's `options.resourceLimits` overrides
 * them), and where the workers' standard output and error go.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { workerBackend } from '@plexus/worker';
 *
 * const backend = workerBackend({
 *   resourceLimits: { maxOldGenerationSizeMb: 512 },
 *   stderr: (chunk) => process.stderr.write(chunk),
 * });
 * await graph('g').run({ backends: [backend] });
 * ```
 */
export interface WorkerBackendOptions {
  /** Default resource limits of every worker (placement options override them). */
  readonly resourceLimits?: ResourceLimits;
  /** Where the workers' standard output goes. Default: this process's standard output. */
  readonly stdout?: (chunk: Uint8Array) => void;
  /** Where the workers' standard error goes. Default: this process's standard error. */
  readonly stderr?: (chunk: Uint8Array) => void;
}
