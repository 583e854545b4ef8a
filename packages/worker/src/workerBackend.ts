import { type ResourceLimits, type TransferListItem, Worker } from 'node:worker_threads';
import {
  type Backend,
  defineBackend,
  type LaunchedUnit,
  type LinkRequest,
  type UnitDeath,
  type UnitPlan,
} from '@plexus/core/backend';
import {
  checkPlacement,
  hostExecArgv,
  nodeEndpoint,
  proxy,
  releaseProxy,
  transfer,
  wrap,
} from '@plexus/host';
import { entryUrl } from './entryUrl.ts';
import type { UnitApi } from './protocol.ts';

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

const live = new Set<LaunchedUnit>();
/**
 * A worker's young generation, in MB, unless its resourceLimits say (`maxYoungGenerationSizeMb`).
 * V8 grows it to 48 MB under a fast stream of small messages (three 16 MB semi-spaces' worth);
 * 3 MB (1 MB semi-spaces, as child processes run with) kept a slow sink's worker ~8–15 MB
 * smaller at the same throughput (backpressure trial, 3M records, alternating: 110 → 95–102 MB).
 */
const YOUNG_MB = 3;
/** How long a finished worker gets to end by itself before it is terminated. */
const SHUTDOWN_MS = 1000;

/**
 * How many worker threads this backend has started that have not exited yet.
 *
 * @example
 * ```ts
 * import { liveWorkers } from '@plexus/worker';
 *
 * process.on('exit', () => console.assert(liveWorkers() === 0, 'a worker thread outlived its run'));
 * ```
 */
export function liveWorkers(): number {
  return live.size;
}

/**
 * The worker-thread backend: each unit — a component placed on `worker`, or a group of them —
 * runs in its own worker thread, with the same runtime as inline.
 *
 * Links between two workers are MessageChannels transferred to both, so the main thread never
 * relays their data; messages cross in batches, with credit-based flow control that keeps
 * every link within its capacity. The control plane (start, stop, events, counters) uses
 * Comlink. A worker that exits, throws at top level or runs out of memory fails the graph,
 * and every worker is terminated when the run ends. Placement options: `resourceLimits` (the
 * young generation is capped at 3 MB unless they set `maxYoungGenerationSizeMb`).
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { workerBackend } from '@plexus/worker';
 * import { Count, Hash } from './components.ts';
 *
 * const g = graph();
 * g.pipeline(g.add('count', Count), g.add('hash', Hash, { backend: 'worker' }));
 * await g.run({ backends: [workerBackend()] });
 * ```
 */
export function workerBackend(options: WorkerBackendOptions = {}): Backend {
  return defineBackend({
    name: 'worker',
    placementOptions: ['resourceLimits'],
    live,
    launch: async (plan) => launchWorker(plan, options),
  });
}

/** Start a worker thread for `plan`, and say how to reach it, how it dies and how to end it. */
function launchWorker(plan: UnitPlan, options: WorkerBackendOptions): LaunchedUnit {
  checkPlacement(plan.components, 'worker');
  const limits =
    (plan.options.resourceLimits as ResourceLimits | undefined) ?? options.resourceLimits;
  const worker = new Worker(entryUrl, {
    execArgv: hostExecArgv(),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, ...limits },
    stdout: options.stdout !== undefined,
    stderr: options.stderr !== undefined,
  });
  if (options.stdout !== undefined) worker.stdout.on('data', options.stdout);
  if (options.stderr !== undefined) worker.stderr.on('data', options.stderr);
  /** Settles when the thread has exited, however: what a shutdown waits for. */
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let alive = true;
  /** The first report wins: out of memory comes before its exit. */
  const died = new Promise<UnitDeath>((resolve) => {
    const report = (death: UnitDeath) => {
      alive = false;
      resolve(death);
    };
    worker.on('error', (error: Error & { code?: string }) =>
      report({
        what:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `ran out of memory (its resourceLimits are ${JSON.stringify(limits ?? {})})`
            : `failed with an uncaught ${error.name}: ${error.message}`,
        cause: error,
      }),
    );
    worker.on('exit', (code) => report({ what: `exited with code ${code}` }));
  });
  const remote = wrap<UnitApi>(nodeEndpoint(worker));
  const release = () => remote[releaseProxy]();
  return {
    where: `worker thread ${worker.threadId}`,
    died,
    exited,
    start: (unitPlan, events) => {
      // MessagePorts move to the worker; socket ends (links to processes) are plain data.
      const ports: TransferListItem[] = unitPlan.boundaries.flatMap((b) =>
        b.ports.flatMap((port) =>
          'socket' in port.endpoint ? [] : [port.endpoint as unknown as TransferListItem],
        ),
      );
      const link = events.link;
      const requests =
        link === undefined
          ? {}
          : {
              // A port for the unit's end moves to the worker with the answer.
              link: async (request: LinkRequest) => {
                const reply = await link(request);
                return 'endpoint' in reply && !('socket' in reply.endpoint)
                  ? transfer(reply, [reply.endpoint as unknown as TransferListItem])
                  : reply;
              },
            };
      return remote.start(transfer(unitPlan, ports), proxy({ ...events, ...requests }));
    },
    attach: (boundary) =>
      remote.attach(
        transfer(
          boundary,
          boundary.ports.flatMap((port) =>
            'socket' in port.endpoint ? [] : [port.endpoint as unknown as TransferListItem],
          ),
        ),
      ),
    stop: (graceful) => {
      remote.stop(graceful).catch(() => {});
    },
    tap: (link, tapOptions) => {
      remote.tap(link, tapOptions).catch(() => {});
    },
    end: async (finished) => {
      if (finished && alive) {
        // A finished worker ends by itself, after its output (console.log) has been delivered;
        // one that does not, soon, is terminated. (One that has died has nothing to wait for:
        // waiting on it would leave nothing to keep this process alive.)
        remote.shutdown().catch(() => {});
        await Promise.race([
          exited,
          new Promise((resolve) => setTimeout(resolve, SHUTDOWN_MS).unref()),
        ]);
      }
      release();
      await worker.terminate();
    },
  };
}
