import { fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  type Backend,
  defineBackend,
  type LaunchedUnit,
  type SocketSpec,
  type UnitDeath,
  type UnitPlan,
} from '@plexus/core/backend';
import { checkPlacement, cpuProfileArgv, expose, socketEndpoint, wrap } from '@plexus/host';
import { bundleUnit } from './bundleUnit.ts';
import { ipcEndpoint } from './ipcEndpoint.ts';
import type { UnitApi } from './protocol.ts';
import { sandboxArgv, sandboxEnv } from './sandbox.ts';
import { scratchDirectory } from './scratchDirectory.ts';

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

const live = new Set<LaunchedUnit>();
/**
 * A child's young-generation semi-spaces, in MB, unless its placement says (`youngMb`). V8's
 * default lets them grow to 16 MB each, which a child streaming small messages reached within
 * a second and kept. Smaller, more of a fast sender's batched messages live through a
 * scavenge, and V8 then allocates them in the old generation from the start (allocation-site
 * pretenuring), where they pile up until a full collection (a sender's old space reached 30 MB);
 * so children also run with pretenuring off. Both together: ~25 MB less per streaming child,
 * and process-link ran as fast or faster (458k–553k against 391k msgs/s, one noisy hour).
 */
const YOUNG_MB = 1;
/** Every option of {@link ProcessOptions}: the placement options a process unit reads. */
const PLACEMENT_OPTIONS = [
  'env',
  'cwd',
  'memoryMb',
  'youngMb',
  'permissions',
  'external',
] as const satisfies readonly (keyof ProcessOptions)[];
/** How long a profiled child may take to write its profile and exit before it is killed. */
const PROFILE_EXIT_MS = 5000;

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
}

/**
 * How many child processes this backend has started that have not exited yet.
 *
 * @example
 * ```ts
 * import { liveProcesses } from '@plexus/process';
 *
 * process.on('exit', () => console.assert(liveProcesses() === 0, 'a child outlived its run'));
 * ```
 */
export function liveProcesses(): number {
  return live.size;
}

/**
 * The child-process backend: each unit — a component placed on `process`, or a group — runs in
 * a child process of its own, with its own heap, crash domain and permissions.
 *
 * The child runs one file esbuild bundles on demand from its components' modules (TypeScript
 * included). Links between processes are Unix sockets between them — the parent relays
 * nothing — carrying length-prefixed batches in V8's structured-clone format (as `v8.serialize` writes),
 * with the same credit-based flow control as every other link. The control plane is Comlink
 * over the IPC channel. A child that exits, is killed, aborts or runs out of memory fails the
 * graph naming its pid; children exit when their parent dies, even by SIGKILL.
 * Placement options: {@link ProcessOptions}. A child's standard output and error go to this
 * process's, unless `stdout`/`stderr` take them (a test that makes children fail on purpose).
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { processBackend } from '@plexus/process';
 * import { Convert, Read } from './components.ts';
 *
 * const g = graph();
 * g.pipeline(
 *   g.add('read', Read),
 *   g.add('convert', Convert, { backend: 'process', options: { memoryMb: 256, permissions: { read: ['/data'] } } }),
 * );
 * await g.run({ backends: [processBackend()] });
 * ```
 */
export function processBackend(backendOptions: ProcessBackendOptions = {}): Backend {
  const stderr = backendOptions.stderr ?? ((chunk: Uint8Array) => process.stderr.write(chunk));
  let dir: string | undefined;
  let sockets = 0;
  return defineBackend({
    name: 'process',
    placementOptions: PLACEMENT_OPTIONS,
    live,
    crossProcess: {
      channel(): readonly [SocketSpec, SocketSpec] {
        dir ??= scratchDirectory('sockets');
        const socket = join(dir, `${sockets++}.sock`);
        return [
          { socket, listen: false },
          { socket, listen: true },
        ];
      },
      open: socketEndpoint,
    },
    launch: (plan) => launchProcess(plan, backendOptions.stdout, stderr),
  });
}

/** Start a child process for `plan`, and say how to reach it, how it dies and how to end it. */
async function launchProcess(
  plan: UnitPlan,
  writeStdout: ((chunk: Uint8Array) => void) | undefined,
  writeStderr: (chunk: Uint8Array) => void,
): Promise<LaunchedUnit> {
  checkPlacement(plan.components, 'process');
  const options = plan.options as ProcessOptions;
  const bundle = await bundleUnit(
    plan.components.map((c) => c.module),
    options.external,
  );
  const child = fork(bundle, [], {
    execArgv: execArgv(bundle, options, plan.components),
    env: sandboxEnv(options.permissions, options.env),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    serialization: 'advanced',
    stdio: ['inherit', writeStdout === undefined ? 'inherit' : 'pipe', 'pipe', 'ipc'],
    // A session of its own: a signal to the runner's process group (Ctrl-C) is not its to
    // take; the parent relays the stop (relayedStop.ts). It still exits with the parent.
    detached: true,
  });
  let stderr = '';
  if (writeStdout !== undefined) child.stdout?.on('data', writeStdout);
  child.stderr?.on('data', (chunk: Buffer) => {
    writeStderr(chunk);
    stderr = (stderr + chunk.toString()).slice(-4096);
  });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const died = new Promise<UnitDeath>((resolve) => {
    // Later errors (a write to a closed channel) end in 'exit' too; only the first one counts.
    child.on('error', (error) =>
      resolve({
        what:
          child.pid === undefined
            ? `could not be started (${error.message})`
            : `failed (${error.message})`,
      }),
    );
    child.once('exit', (code, signal) =>
      resolve({ what: describeExit(code, signal, stderr, options) }),
    );
  });
  const exitedNow = () => child.exitCode !== null || child.signalCode !== null;
  const remote = wrap<UnitApi>(ipcEndpoint(child, 'unit'));
  return {
    where: `process ${child.pid}`,
    died,
    exited: gone,
    start: (unitPlan, events) => {
      expose(events, ipcEndpoint(child, 'events'));
      return remote.start(unitPlan);
    },
    stop: (graceful) => {
      remote.stop(graceful).catch(() => {});
    },
    tap: (link, tapOptions) => {
      remote.tap(link, tapOptions).catch(() => {});
    },
    attach: (boundary) => remote.attach(boundary),
    end: async () => {
      if (!exitedNow()) {
        // A profiled child writes its profile only when it exits by itself: closing the channel
        // makes it exit. Anything else, or a child that does not exit, is killed.
        if (cpuProfileArgv().length > 0 && child.connected) {
          child.disconnect();
          // Unreferenced: the wait must not keep this process alive once the child has exited.
          await Promise.race([died, delay(PROFILE_EXIT_MS, undefined, { ref: false })]);
        }
        if (!exitedNow()) child.kill('SIGKILL');
      }
      await died;
    },
  };
}

function execArgv(
  bundle: string,
  options: ProcessOptions,
  components: UnitPlan['components'],
): string[] {
  // Stacks point at the components' own files through @plexus/host's mapStacks, which reads the source
  // map when a stack is first formatted (--enable-source-maps would decode it all at start).
  // A small young generation, and no pretenuring: see YOUNG_MB.
  const flags = [
    '--disable-warning=ExperimentalWarning',
    `--max-semi-space-size=${options.youngMb ?? YOUNG_MB}`,
    '--no-allocation-site-pretenuring',
    // One V8 helper thread, not four: each keeps stacks and malloc arenas (~2-3 MB a child).
    '--v8-pool-size=1',
    ...cpuProfileArgv(),
  ];
  if (options.memoryMb !== undefined) flags.push(`--max-old-space-size=${options.memoryMb}`);
  if (options.permissions !== undefined)
    flags.push(...sandboxArgv(bundle, options.permissions, components));
  return flags;
}

function describeExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  options: ProcessOptions,
): string {
  if (/heap out of memory|Allocation failed/i.test(stderr)) {
    return options.memoryMb === undefined
      ? 'ran out of memory'
      : `ran out of memory (its heap is capped at ${options.memoryMb} MB)`;
  }
  if (signal === 'SIGABRT' || code === 134) return 'aborted (SIGABRT)';
  if (signal !== null) return `was killed by ${signal}`;
  return `exited with code ${code}`;
}
