import { EventEmitter } from 'eventemitter3';
import { DEFAULT_CAPACITY } from '../defaults.ts';
import type { ComponentDefinition } from '../definitions.ts';
import { toErrorData } from '../errors.ts';
import type { TapOptions } from '../inspect.ts';
import { attachReceive, attachSend } from '../internal/boundary/attachBoundary.ts';
import { ComponentRun } from '../internal/ComponentRun.ts';
import { Network } from '../internal/Network.ts';
import { ScopeImpl } from '../internal/ScopeImpl.ts';
import { Supervisor } from '../internal/supervision/Supervisor.ts';
import { tapLink } from '../internal/tap/tapLink.ts';
import { findLink } from '../internal/tap/tapRun.ts';
import { attachLink } from '../internal/wiring.ts';
import { specialize } from '../specialize.ts';
import type { GraphEvents } from '../types.ts';
import type { UnitEvents, UnitPlan, UnitStats } from './types.ts';

/** How often a running unit reports its counters. */
const STATS_EVERY_MS = 50;

/** Drives a hosted unit. */
export interface UnitController {
  /** Stop its components: only its sources if graceful. */
  stop(graceful: boolean): void;
  /** Its counters now. */
  stats(): UnitStats;
  /**
   * Sample link `link` if its receiving end is here (`options`), reporting samples through
   * `events.tapped`; or stop sampling it (`undefined`).
   */
  tap(link: number, options: TapOptions | undefined): void;
  /** Settles once every component has finished. */
  readonly done: Promise<void>;
}

/**
 * Run a unit's components here (in a worker thread or child process), as planned on the main
 * thread: the same runtime as inline — checked mode, scheduling, end of stream, stop — with
 * links to other units over the endpoints in the plan, and every event reported back.
 *
 * `definitions` maps each planned component's instance name to its definition (the backend
 * imports them from their modules). `where` names this place in messages: `worker thread 3`.
 *
 * @example
 * ```ts
 * import { threadId } from 'node:worker_threads';
 * import type { ComponentDefinition } from '@plexus/core';
 * import { hostUnit, type UnitEvents, type UnitPlan } from '@plexus/core/backend';
 *
 * export async function host(
 *   plan: UnitPlan,
 *   definitions: ReadonlyMap<string, ComponentDefinition>,
 *   events: UnitEvents,
 * ): Promise<void> {
 *   const unit = hostUnit(plan, definitions, events, `worker thread ${threadId}`);
 *   await unit.done;
 * }
 * ```
 */
export function hostUnit(
  plan: UnitPlan,
  definitions: ReadonlyMap<string, ComponentDefinition>,
  events: UnitEvents,
  where: string,
): UnitController {
  const emitter = new EventEmitter<GraphEvents>();
  emitter.on('component:start', (info) => events.started(info.name));
  emitter.on('component:end', (info) => events.ended(info));
  emitter.on('component:fail', (info, error) => events.failed(info, toErrorData(error)));
  emitter.on('component:restart', (info, error, restarts) =>
    events.restarted?.(info, toErrorData(error), restarts),
  );
  emitter.on('component:progress', (info, done, total) => events.progress(info.name, done, total));

  const net = new Network(plan.unit, emitter, DEFAULT_CAPACITY, plan.linkIdBase);
  net.where = where;
  const root = new ScopeImpl(net, '', `Unit ${plan.unit}`, undefined, { backend: plan.backend });
  net.root = root;
  for (const component of plan.components) {
    const definition = specialize(definitions.get(component.name)!, component.params);
    const run = new ComponentRun(
      root,
      component.name,
      definition,
      Object.freeze(component.params),
      {
        backend: plan.backend,
      },
    );
    root.children.set(component.name, run);
  }
  const runOf = (name: string) => root.children.get(name) as ComponentRun;
  const supervisors: Supervisor[] = (plan.supervisors ?? []).map(
    (spec) =>
      new Supervisor(
        spec.policy,
        spec.label,
        () => spec.members.map((names) => names.map(runOf)),
        () => (spec.parent === undefined ? undefined : supervisors[spec.parent]),
      ),
  );
  for (const component of plan.components) {
    runOf(component.name).supervisor =
      component.supervisor === undefined ? null : supervisors[component.supervisor]!;
  }
  for (const link of plan.links) {
    const from = runOf(link.from[0]).outboxes[link.from[1]]!;
    const to = runOf(link.to[0]).inboxes[link.to[1]]!;
    attachLink(net, from, to, link.capacity, link.id);
  }
  for (const boundary of plan.boundaries) {
    const run = runOf(boundary.component);
    if (boundary.side === 'send') attachSend(run, boundary);
    else net.readers.push(attachReceive(run, boundary));
  }

  const snapshot = (): UnitStats => net.stats();
  const taps = new Map<number, () => void>();
  const tap = (id: number, options: TapOptions | undefined) => {
    taps.get(id)?.();
    taps.delete(id);
    const link = options === undefined ? undefined : findLink(net.leaves(), id);
    if (link !== undefined)
      taps.set(
        id,
        tapLink(link, options!, (sample) => events.tapped?.(sample)),
      );
  };
  const timer = setInterval(() => events.stats(snapshot()), STATS_EVERY_MS);
  const done = net
    .run({ checked: plan.checked, stopTimeout: plan.stopTimeout })
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      clearInterval(timer);
      events.stats(snapshot());
      events.finished();
    });
  return { stop: (graceful) => void net.stop({ graceful }), stats: snapshot, tap, done };
}
