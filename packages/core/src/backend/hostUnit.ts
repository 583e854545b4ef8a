import { EventEmitter } from 'eventemitter3';
import type { ComponentDefinition } from '../Definition.ts';
import { DEFAULT_CAPACITY } from '../defaults.ts';
import { Errors, fromErrorData, toErrorData } from '../errors.ts';
import type { TapOptions } from '../inspect.ts';
import { attachReceive, attachSend } from '../internal/boundary/attachBoundary.ts';
import { ComponentRun } from '../internal/ComponentRun.ts';
import { Network } from '../internal/Network.ts';
import { Supervisor } from '../internal/supervision/Supervisor.ts';
import { tapLink } from '../internal/tap/tapLink.ts';
import { findLink } from '../internal/tap/tapRun.ts';
import { UnitScope } from '../internal/units/UnitScope.ts';
import { attachLink } from '../internal/wiring.ts';
import { specialize } from '../specialize.ts';
import type { GraphEvents } from '../types.ts';
import type { Endpoint } from './Endpoint.ts';
import type { EndpointSpec } from './EndpointSpec.ts';
import type { UnitEvents, UnitStats } from './UnitEvents.ts';
import type { PlannedBoundary, UnitPlan } from './UnitPlan.ts';
import type { UnitRequests } from './UnitRequests.ts';

/** How often a running unit reports its counters. */
const STATS_EVERY_MS = 50;

/**
 * Drives a hosted unit.
 *
 * What {@link hostUnit} returns inside the thread or process: the host there stops the
 * components, reads their counters, taps and attaches links as the main thread asks, and waits
 * for `done`.
 *
 * @example
 * ```ts
 * import type { UnitController } from '@plexus/core/backend';
 *
 * export async function runUntil(unit: UnitController, signal: AbortSignal): Promise<void> {
 *   signal.addEventListener('abort', () => unit.stop(true), { once: true });
 *   await unit.done;
 * }
 * ```
 */
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
  /**
   * Add one end of a link made while the graph runs (its other end elsewhere) to a component
   * of the unit. Throws, with the reason, if the unit cannot take it.
   */
  attach(boundary: PlannedBoundary): void;
  /** Settles once every component has finished. */
  readonly done: Promise<void>;
}

/**
 * How a hosted unit reaches the main thread for links its components make while running to
 * components elsewhere in the graph: the main thread's `UnitRequests`, and how to open an
 * endpoint it sends (a socket end, or a port to poll: `openEndpoint` of `@plexus/host`).
 *
 * @example
 * ```ts
 * import type { Endpoint, HostLinks, UnitRequests } from '@plexus/core/backend';
 *
 * export const links = (main: UnitRequests): HostLinks => ({
 *   link: (request) => main.link(request),
 *   open: (spec) => spec as Endpoint, // MessagePorts only; open sockets with @plexus/host
 * });
 * ```
 */
export interface HostLinks extends UnitRequests {
  open(spec: EndpointSpec): Endpoint;
}

/**
 * Run a unit's components here (in a worker thread or child process), as planned on the main
 * thread: the same runtime as inline — checked mode, scheduling, end of stream, stop — with
 * links to other units over the endpoints in the plan, and every event reported back.
 *
 * `definitions` maps each planned component's instance name to its definition (the backend
 * imports them from their modules). `where` names this place in messages: `worker thread 3`.
 * With `links`, a component of the unit can link, while it runs, to any component of the
 * graph (the main thread makes the other end); without, only within the unit.
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
  links?: HostLinks,
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
  const open = (spec: EndpointSpec): Endpoint =>
    links === undefined ? (spec as Endpoint) : links.open(spec);
  const root = new UnitScope(
    net,
    `Unit ${plan.unit}`,
    { backend: plan.backend },
    links === undefined
      ? undefined
      : {
          capacity: plan.crossingCapacity ?? DEFAULT_CAPACITY,
          request: async (request) => {
            const reply = await links.link(request);
            if ('error' in reply) throw fromErrorData(reply.error);
            return open(reply.endpoint);
          },
        },
  );
  net.root = root;
  for (const component of plan.components) {
    const definition = specialize(definitions.get(component.name)!, component.params);
    const run = new ComponentRun(
      root,
      component.name,
      definition,
      Object.freeze(component.params),
      component.priority === undefined
        ? { backend: plan.backend }
        : { backend: plan.backend, priority: component.priority },
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
    attachLink(net, from, to, link.capacity, link.id, link.priority === 'idle');
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
  const attach = (boundary: PlannedBoundary): void => {
    const run = root.children.get(boundary.component);
    if (!(run instanceof ComponentRun)) {
      const names = [...root.children.keys()];
      throw Errors.noSuchComponent(root.label, boundary.component, '', names.join(', '));
    }
    const dir = boundary.side === 'send' ? 'out' : 'in';
    if (dir === 'out') run.outbox(boundary.box);
    else run.inbox(boundary.box);
    if (dir === 'in' && run.inboxes[boundary.box]!.ended)
      throw Errors.inboxEnded(run.name, run.type, boundary.box);
    const opened = {
      ...boundary,
      ports: boundary.ports.map((port) => ({ ...port, endpoint: open(port.endpoint) })),
    };
    if (dir === 'in') net.readers.push(attachReceive(run, opened));
    else {
      const sink = attachSend(run, opened);
      if (run.outboxes[boundary.box]!.closed) sink.close();
    }
  };
  return { stop: (graceful) => void net.stop({ graceful }), stats: snapshot, tap, attach, done };
}
