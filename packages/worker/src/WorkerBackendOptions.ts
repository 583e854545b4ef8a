/** What `workerBackend()` is told: the workers' default resource limits, output sinks and spares. */
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
  /**
   * Start a fresh thread, idle and unreferenced, in the place of every unit's thread that ends,
   * for the next unit started with the same resource limits and environment (default `true`):
   * that unit then starts without waiting for Node to boot and Plexus to load in its thread.
   * A spare hosts one unit only; one left unused ends after 10 s. `false` for a program that
   * runs one graph and exits (`plexus run`).
   */
  readonly spares?: boolean;
}
