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
import { describeExit, execArgv } from './childArgv.ts';
import { ipcEndpoint } from './ipcEndpoint.ts';
import { PLACEMENT_OPTIONS, type ProcessOptions } from './processOptions.ts';
import type { UnitApi } from './protocol.ts';
import { sandboxEnv } from './sandbox.ts';
import { scratchDirectory } from './scratchDirectory.ts';

const live = new Set<LaunchedUnit>();
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
