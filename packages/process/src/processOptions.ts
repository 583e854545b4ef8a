/**
 * What a component (or group) placed on `process` may say about its child process: its
 * environment, working directory, memory caps, permissions and what stays out of its bundle;
 * and what the process backend itself is told (where the children's output goes).
 */

/**
 * Placement options of a component (or group) on `process`.
 *
 * Given as a placement's `options` (in code, or under `options:` in a graph file): the child's
 * environment and working directory, caps on its heap, a permission sandbox under Node's
 * permission model (everything not allowed is denied), and packages to leave out of its bundle.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import type { ProcessOptions } from '@plexus/process';
 * import { Parse } from './components.ts';
 *
 * const sandbox: ProcessOptions = {
 *   memoryMb: 256,
 *   env: { LOG_LEVEL: 'warn' },
 *   permissions: { read: ['./data'], env: ['HOME'] },
 * };
 * graph('g').add('parse', Parse, { backend: 'process', options: { ...sandbox } });
 * ```
 */
export interface ProcessOptions {
  /** Extra environment variables (added to the parent's, or to those `permissions.env` lets through). */
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory. */
  readonly cwd?: string;
  /** Cap on the V8 heap, in megabytes (`--max-old-space-size`). */
  readonly memoryMb?: number;
  /**
   * Cap on each of V8's two young-generation semi-spaces, in megabytes
   * (`--max-semi-space-size`). Default 1: a streaming child stays ~20 MB smaller than with V8's
   * 16; a component that keeps much of what it allocates for a while may run faster with more.
   */
  readonly youngMb?: number;
  /** Run under Node's permission model, allowing only these (everything else is denied). */
  readonly permissions?: {
    /** Paths the component may read (files or directories). */
    readonly read?: readonly string[];
    /** Paths the component may write. */
    readonly write?: readonly string[];
    /** May start child processes. */
    readonly childProcess?: boolean;
    /** May start worker threads. */
    readonly worker?: boolean;
    /**
     * The parent's environment variables it may see, by name: only these (and `env`) are
     * passed. Without it, it sees the whole environment.
     */
    readonly env?: readonly string[];
  };
  /** Packages to leave out of the bundle (e.g. native addons), resolved at run time instead. */
  readonly external?: readonly string[];
}

/** Every option of {@link ProcessOptions}: the placement options a process unit reads. */
export const PLACEMENT_OPTIONS = [
  'env',
  'cwd',
  'memoryMb',
  'youngMb',
  'permissions',
  'external',
] as const satisfies readonly (keyof ProcessOptions)[];

/**
 * Options of the process backend.
 *
 * Where the children's standard output and error go: by default this process's own, so a
 * component's `console.log` prints as if it ran inline.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { processBackend } from '@plexus/process';
 *
 * const lines: string[] = [];
 * const backend = processBackend({ stdout: (chunk) => lines.push(Buffer.from(chunk).toString()) });
 * await graph('g').run({ backends: [backend] });
 * ```
 */
export interface ProcessBackendOptions {
  /** Where the children's standard output goes. Default: this process's standard output. */
  readonly stdout?: (chunk: Uint8Array) => void;
  /** Where the children's standard error goes. Default: this process's standard error. */
  readonly stderr?: (chunk: Uint8Array) => void;
  /**
   * Start a fresh child, idle and unreferenced, in the place of every unit's child that ends,
   * on the same bundle with the same flags, environment and working directory (default
   * `true`): the next unit started with those settings then finds Node booted and Plexus
   * loaded; its component modules are evaluated when it starts. A spare hosts one unit only;
   * one left unused is killed after 10 s. `false` for a program that runs one graph and exits
   * (`plexus run`).
   */
  readonly spares?: boolean;
}
