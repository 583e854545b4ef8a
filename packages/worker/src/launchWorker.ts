/**
 * One unit's worker thread: started with the unit's resource limits (or a spare started with
 * the same, spares.ts), reached over Comlink, its death worded for `ERR_UNIT_DIED`, and ended
 * once its components have finished — when a fresh spare is started to take its place.
 */
import type { ResourceLimits, TransferListItem } from 'node:worker_threads';
import type {
  LaunchedUnit,
  LinkRequest,
  PlannedPort,
  UnitDeath,
  UnitPlan,
} from '@plexus/core/backend';
import {
  checkPlacement,
  hostExecArgv,
  hostsFromBuild,
  proxy,
  releaseProxy,
  transfer,
} from '@plexus/host';
import { startSpare, takeSpare } from './internal/spares.ts';
import { startThread, type ThreadSettings } from './internal/WorkerThread.ts';
import type { WorkerBackendOptions } from './WorkerBackendOptions.ts';

/**
 * A worker's young generation, in MB, unless its resourceLimits say (`maxYoungGenerationSizeMb`).
 * V8 grows it to 48 MB under a fast stream of small messages (three 16 MB semi-spaces' worth);
 * 3 MB (1 MB semi-spaces, as child processes run with) kept a slow sink's worker ~8–15 MB
 * smaller at the same throughput (backpressure trial, 3M records, alternating: 110 → 95–102 MB).
 */
const YOUNG_MB = 3;
/** How long a finished worker gets to end by itself before it is terminated. */
const SHUTDOWN_MS = 1000;

/** Start a worker thread for `plan`, and say how to reach it, how it dies and how to end it. */
export function launchWorker(plan: UnitPlan, options: WorkerBackendOptions): LaunchedUnit {
  checkPlacement(plan.components, 'worker');
  const limits =
    (plan.options.resourceLimits as ResourceLimits | undefined) ?? options.resourceLimits;
  const settings: ThreadSettings = {
    execArgv: hostExecArgv(hostsFromBuild),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, ...limits },
    stdout: options.stdout !== undefined,
    stderr: options.stderr !== undefined,
  };
  const spares = options.spares !== false;
  const { worker, remote, exited } =
    (spares ? takeSpare(settings) : undefined) ?? startThread(settings);
  if (options.stdout !== undefined) worker.stdout.on('data', options.stdout);
  if (options.stderr !== undefined) worker.stderr.on('data', options.stderr);
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
  const release = () => remote[releaseProxy]();
  return {
    where: `worker thread ${worker.threadId}`,
    died,
    exited,
    start: (unitPlan, events) => {
      const ports = unitPlan.boundaries.flatMap((b) => messagePorts(b.ports));
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
    attach: (boundary) => remote.attach(transfer(boundary, messagePorts(boundary.ports))),
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
      // Its place is taken by a fresh thread, for the next unit started with these settings.
      if (spares) startSpare(settings);
    },
  };
}

/** The ports' MessagePorts, which move to the worker; socket ends (links to processes) are plain data. */
function messagePorts(ports: readonly PlannedPort[]): TransferListItem[] {
  return ports.flatMap((port) =>
    'socket' in port.endpoint ? [] : [port.endpoint as unknown as TransferListItem],
  );
}
