import { join } from 'node:path';
import {
  type Backend,
  defineBackend,
  type LaunchedUnit,
  type SocketSpec,
} from '@plexus/core/backend';
import { socketEndpoint } from '@plexus/host';
import { sparesReady } from './internal/spares.ts';
import { launchProcess } from './launchProcess.ts';
import { PLACEMENT_OPTIONS, type ProcessBackendOptions } from './processOptions.ts';
import { scratchDirectory } from './scratchDirectory.ts';

const live = new Set<LaunchedUnit>();

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
 * How many spare child processes wait for a unit, once every one started so far is ready.
 *
 * A unit's child that ends is replaced by a fresh one on the same bundle and settings
 * (`ProcessBackendOptions.spares`), which boots while the program goes on. Await this before
 * timing something else, so the spares' start-up does not share its cores, or to see that a
 * next unit will find one.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { spareProcesses } from '@plexus/process';
 * import { Convert } from './components.ts';
 *
 * const g = graph();
 * g.add('convert', Convert, { backend: 'process' });
 * await g.run();
 * console.log(`${await spareProcesses()} child process(es) ready for the next run`);
 * ```
 */
export function spareProcesses(): Promise<number> {
  return sparesReady();
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
 * graph naming its pid; children exit when their parent dies, even by SIGKILL. A unit's child that ends is replaced
 * by a fresh, idle one for the next unit started with the same settings (`spares`).
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
    launch: (plan) =>
      launchProcess(plan, backendOptions.stdout, stderr, backendOptions.spares !== false),
  });
}
