/**
 * The skeleton every backend shares, so a backend is only the part that differs: how a unit's
 * thread or process is started, how its control plane is reached, how it dies and how it is
 * ended. `defineBackend` turns such an adapter into a {@link Backend}.
 */
import { Errors } from '../errors.ts';
import type { TapOptions } from '../inspect.ts';
import { type ErrorData, fromErrorData, toErrorData } from '../PlexusError.ts';
import type { Backend } from './Backend.ts';
import type { UnitEvents } from './UnitEvents.ts';
import type { UnitHandle } from './UnitHandle.ts';
import type { PlannedBoundary, UnitPlan } from './UnitPlan.ts';
import type { UnitRequests } from './UnitRequests.ts';

/**
 * How a unit's thread or process died, worded to follow "The worker thread 7 running 'a' (A) …".
 *
 * A {@link LaunchedUnit}'s `died` settles with it; when the unit's components had not all
 * finished, the run fails with `ERR_UNIT_DIED` in those words.
 *
 * @example
 * ```ts
 * import type { UnitDeath } from '@plexus/core/backend';
 *
 * export const fromExit = (code: number | null, signal: string | null): UnitDeath =>
 *   signal !== null ? { what: `was killed by ${signal}` } : { what: `exited with code ${code}` };
 * ```
 */
export interface UnitDeath {
  /** `exited with code 1`, `was killed by SIGKILL`, `ran out of memory`… */
  readonly what: string;
  /** What killed it, if something said (an uncaught error): the ERR_UNIT_DIED error's `cause`. */
  readonly cause?: unknown;
}

/**
 * One unit's thread or process, started by an adapter's `launch` (its components not yet).
 *
 * What a {@link BackendAdapter} gives {@link defineBackend}: where it runs, promises of its
 * death and exit, and the control plane that starts, stops, taps and ends it.
 *
 * @example
 * ```ts
 * import type { LaunchedUnit } from '@plexus/core/backend';
 *
 * export async function endWhenDone(unit: LaunchedUnit): Promise<void> {
 *   const death = await unit.died;
 *   console.error(`${unit.where} ${death.what}`);
 *   await unit.exited;
 * }
 * ```
 */
export interface LaunchedUnit {
  /** Where it runs, for messages: `worker thread 7`, `process 4242`. */
  readonly where: string;
  /** Settles, once, with how it died, whenever it dies (before or after its components finish). */
  readonly died: Promise<UnitDeath>;
  /** Settles when the thread or process is gone (what `live` counts). */
  readonly exited: Promise<void>;
  /**
   * Start its components: the host there loads their definitions and runs the plan
   * (`hostUnit`), reporting through `events`. An error comes back as data, code and all.
   */
  start(plan: UnitPlan, events: UnitEvents & Partial<UnitRequests>): Promise<{ error?: ErrorData }>;
  /** Stop its components: only its sources if graceful. */
  stop(graceful: boolean): void;
  /** Sample a link that ends in the unit (`options`), or stop (`undefined`). */
  tap?(link: number, options: Required<TapOptions> | undefined): void;
  /** Add one end of a link made while the graph runs (see `UnitHandle.attach`). */
  attach?(boundary: PlannedBoundary): Promise<{ error?: ErrorData }>;
  /**
   * End it now (terminate the thread, kill the process). `finished`: every component has
   * finished, so it may first end by itself, briefly, to flush what it printed.
   */
  end(finished: boolean): Promise<void>;
}

/**
 * The part of a backend that differs: where its units run.
 *
 * Its name, how it launches a unit's thread or process, and, for units in other processes,
 * how links reach them. {@link defineBackend} adds the rest: starting, racing start against
 * death, forwarding events, and reporting deaths.
 *
 * @example
 * ```ts
 * import { type BackendAdapter, defineBackend, type LaunchedUnit } from '@plexus/core/backend';
 *
 * const live = new Set<LaunchedUnit>();
 * export const mine = (launch: BackendAdapter['launch']) => defineBackend({ name: 'mine', live, launch });
 * ```
 */
export interface BackendAdapter {
  /** The placement name it serves: `worker`, `process`. */
  readonly name: string;
  /** As {@link Backend.placementOptions}: the placement options its units read. */
  readonly placementOptions?: readonly string[];
  /** As {@link Backend.crossProcess}: set when its units run in other processes. */
  readonly crossProcess?: Backend['crossProcess'];
  /** Units launched and not yet exited are kept here, if given (a backend's `live…()` count). */
  readonly live?: Set<LaunchedUnit>;
  /** Start the thread or process for one unit. Throwing fails the run with that error. */
  launch(plan: UnitPlan): Promise<LaunchedUnit>;
}

/**
 * A backend from its adapter: the shared skeleton starts the unit, races its start against its
 * death, forwards its events, reports a death before its components finished as
 * `ERR_UNIT_DIED` naming where and what, and ends it once.
 *
 * @example
 * ```ts
 * import { defineBackend, type LaunchedUnit, type UnitPlan } from '@plexus/core/backend';
 *
 * // `launch` starts a thread or process for a unit: yours to write.
 * export const myBackend = (launch: (plan: UnitPlan) => Promise<LaunchedUnit>) =>
 *   defineBackend({ name: 'mine', launch });
 * ```
 */
export function defineBackend(adapter: BackendAdapter): Backend {
  const backend: Backend = {
    name: adapter.name,
    ...(adapter.placementOptions === undefined
      ? {}
      : { placementOptions: adapter.placementOptions }),
    start: (plan, events) => startUnit(adapter, plan, events),
  };
  return adapter.crossProcess === undefined
    ? backend
    : { ...backend, crossProcess: adapter.crossProcess };
}

async function startUnit(
  adapter: BackendAdapter,
  plan: UnitPlan,
  events: UnitEvents & Partial<UnitRequests> & { died(error: ErrorData): void },
): Promise<UnitHandle> {
  const unit = await adapter.launch(plan);
  const live = adapter.live;
  if (live !== undefined) {
    live.add(unit);
    void unit.exited.then(() => live.delete(unit));
  }
  const names = plan.components.map((c) => `'${c.name}' (${c.type})`).join(', ');
  /** While starting, a death fails the start itself (below). */
  let starting = true;
  /** Its components have all finished (or it failed to start): a death is then no news. */
  let finished = false;
  let ending: Promise<void> | undefined;
  void unit.died.then(({ what, cause }) => {
    if (starting || finished || ending !== undefined) return;
    finished = true;
    events.died(toErrorData(Errors.unitDied(unit.where, names, what, false, cause)));
  });
  const forwarded: UnitEvents & Partial<UnitRequests> = {
    started: (name) => events.started(name),
    ended: (info) => events.ended(info),
    failed: (info, error) => events.failed(info, error),
    restarted: (info, error, restarts) => events.restarted?.(info, error, restarts),
    progress: (name, done, total) => events.progress(name, done, total),
    stats: (snapshot) => events.stats(snapshot),
    tapped: (sample) => events.tapped?.(sample),
    finished: () => {
      finished = true;
      events.finished();
    },
  };
  const link = events.link;
  if (link !== undefined) forwarded.link = (request) => link.call(events, request);
  // A unit that dies while starting (its module called process.exit, say) never answers: its
  // death is the answer.
  const started = await Promise.race([
    unit.start(plan, forwarded).catch((error: unknown) => ({ error: toErrorData(error) })),
    unit.died.then(({ what, cause }) => ({
      error: toErrorData(Errors.unitDied(unit.where, names, what, true, cause)),
    })),
  ]);
  starting = false;
  const end = (gracefully: boolean): Promise<void> => {
    ending ??= unit.end(gracefully);
    return ending;
  };
  if (started.error !== undefined) {
    finished = true;
    await end(false);
    throw fromErrorData(started.error);
  }
  const handle: UnitHandle = {
    where: unit.where,
    stop: (graceful) => unit.stop(graceful),
    terminate: () => end(finished),
  };
  const tap = unit.tap;
  const attach = unit.attach;
  return {
    ...handle,
    ...(tap === undefined ? {} : { tap: (id, options) => tap.call(unit, id, options) }),
    ...(attach === undefined
      ? {}
      : {
          attach: async (boundary: PlannedBoundary) => {
            const { error } = await attach.call(unit, boundary);
            if (error !== undefined) throw fromErrorData(error);
          },
        }),
  } satisfies UnitHandle;
}
