/**
 * The contract between the core and a backend that runs components outside the main event
 * loop (a worker thread, a child process). The core plans a *unit* — the components placed
 * together, the links among them, and an endpoint for every link that crosses to another unit
 * — and the backend starts it somewhere and reports what happens there.
 */
import type { ErrorData } from '../errors.ts';
import type { TapOptions, TapSample } from '../inspect.ts';
import type { FullPolicy } from '../SupervisePolicy.ts';
import type { ComponentInfo, LinkInfo } from '../types.ts';
import type { Endpoint } from './Endpoint.ts';

export type { Endpoint };

/**
 * How a unit reaches the other end of a link: a MessagePort (in-process: the main thread and
 * worker threads), or a Unix socket path that one end listens on and the other connects to
 * (across processes). The host turns a socket into an Endpoint with `@plexus/host`.
 *
 * A port can be posted to a worker as it is; a socket spec is plain data, so it can be sent to
 * a child process, which opens it there.
 *
 * @example
 * ```ts
 * import type { EndpointSpec, SocketSpec } from '@plexus/core/backend';
 *
 * export const isSocket = (spec: EndpointSpec): spec is SocketSpec => 'socket' in spec;
 * ```
 */
export type EndpointSpec = Endpoint | SocketSpec;

/**
 * One end of a link over a Unix socket.
 *
 * A backend whose units run in other processes makes two per link (`crossProcess.channel()`):
 * the same path, one end listening and the other connecting.
 *
 * @example
 * ```ts
 * import type { SocketSpec } from '@plexus/core/backend';
 *
 * export const pair = (path: string): readonly [SocketSpec, SocketSpec] => [
 *   { socket: path, listen: true },
 *   { socket: path, listen: false },
 * ];
 * ```
 */
export interface SocketSpec {
  readonly socket: string;
  /** This end listens (the other connects). */
  readonly listen: boolean;
}

/**
 * One component instance to run in the unit.
 *
 * Plain data: its instance and definition names, the module that exports the definition (the
 * host imports it there), its validated params, and its supervisor if it has one.
 *
 * @example
 * ```ts
 * import type { PlannedComponent } from '@plexus/core/backend';
 *
 * export const describe = (c: PlannedComponent) => `${c.name} (${c.type} from ${c.module})`;
 * ```
 */
export interface PlannedComponent {
  /** Instance name in the whole graph, e.g. `wc/split`. */
  readonly name: string;
  /** Definition name, to find the export in its module. */
  readonly type: string;
  /** Module (file path or URL) that exports the definition. */
  readonly module: string;
  /** Validated params (structured-cloneable). */
  readonly params: unknown;
  /** Index in the plan's `supervisors` of the supervisor that handles its crashes, if any. */
  readonly supervisor?: number;
  /** `idle`: it goes on only when nothing else in the unit has work (`Placement.priority`). */
  readonly priority?: 'idle';
}

/**
 * A supervisor, as far as the unit is concerned: its policy, and those of its members that run
 * in the unit (each member one or more components, by instance name in the unit).
 *
 * Supervisors nest (`parent`): a supervisor that gives up passes the crash to the one above.
 *
 * @example
 * ```ts
 * import type { PlannedSupervisor } from '@plexus/core/backend';
 *
 * export const supervised = (s: PlannedSupervisor) => s.members.flat().join(', ');
 * ```
 */
export interface PlannedSupervisor {
  readonly policy: FullPolicy;
  /** Names it in errors: `the restart policy of composite 'wc'`. */
  readonly label: string;
  readonly members: readonly (readonly string[])[];
  /** Index of the enclosing supervisor, if any. */
  readonly parent?: number;
}

/**
 * A link with both ends in the unit.
 *
 * The unit makes it itself, as an inline link, with the id and capacity the core planned.
 *
 * @example
 * ```ts
 * import type { PlannedLink } from '@plexus/core/backend';
 *
 * export const label = (l: PlannedLink) => `${l.from.join('.')} -> ${l.to.join('.')} (${l.capacity})`;
 * ```
 */
export interface PlannedLink {
  readonly id: number;
  readonly from: readonly [component: string, box: string];
  readonly to: readonly [component: string, box: string];
  readonly capacity: number;
  /** `idle`: an idle-priority link (`LinkOptions.priority`). */
  readonly priority?: 'idle';
}

/**
 * One port of a boundary: a link to one place in another unit.
 *
 * Its endpoint is what the unit opens to reach the peer; `peer` names the box at the other end.
 *
 * @example
 * ```ts
 * import type { PlannedPort } from '@plexus/core/backend';
 *
 * export const peers = (ports: readonly PlannedPort[]) => ports.map((p) => `${p.id}: ${p.peer}`);
 * ```
 */
export interface PlannedPort {
  /** The physical link's id. */
  readonly id: number;
  readonly endpoint: EndpointSpec;
  /** `component.box` at the other end. */
  readonly peer: string;
}

/**
 * One end of a link that crosses to another unit.
 *
 * On the `send` side, the unit's outbox feeds it; on the `receive` side, it feeds the unit's
 * inbox. Credits keep the link's capacity across the boundary. Replicas make a boundary with
 * several ports, and ordered replicas number and merge their messages (`order`).
 *
 * @example
 * ```ts
 * import type { PlannedBoundary } from '@plexus/core/backend';
 *
 * export const inbound = (boundaries: readonly PlannedBoundary[]) =>
 *   boundaries.filter((b) => b.side === 'receive').map((b) => `${b.component}.${b.box}`);
 * ```
 */
export interface PlannedBoundary {
  /** The link's id (a plain link's port has the same id). */
  readonly id: number;
  /** `send`: this unit's outbox feeds the link; `receive`: it feeds this unit's inbox. */
  readonly side: 'send' | 'receive';
  readonly component: string;
  readonly box: string;
  readonly capacity: number;
  /** `idle`: the receiving side takes its messages at idle priority (`LinkOptions.priority`). */
  readonly priority?: 'idle';
  /**
   * One port for a plain link. Sending into a replicated node: one per replica (messages go
   * to the least loaded). Receiving from ordered replicas: one per replica (merged in order).
   */
  readonly ports: readonly PlannedPort[];
  /**
   * For ordered replicas: `number` messages as they are distributed; `tag` outputs with the
   * number of the input being handled; `strip` numbers off inputs, tracking them; `merge`
   * outputs back into input order.
   */
  readonly order?: 'number' | 'tag' | 'strip' | 'merge';
}

/**
 * Everything a backend needs to run one unit.
 *
 * The components placed together, the links among them, one boundary per link that leaves the
 * unit, its supervisors and merged placement options, and the run's settings (checked mode,
 * stop timeout). It is plain data, so it can be posted to a thread or sent to a process.
 *
 * @example
 * ```ts
 * import type { UnitPlan } from '@plexus/core/backend';
 *
 * export const summary = (plan: UnitPlan) =>
 *   `${plan.unit}: ${plan.components.length} components, ${plan.boundaries.length} boundaries`;
 * ```
 */
export interface UnitPlan {
  /** Names the unit in errors: `worker 'split'`. */
  readonly unit: string;
  readonly backend: string;
  readonly checked: boolean;
  readonly stopTimeout: number;
  /** Links the unit creates itself (while running) take ids from here up. */
  readonly linkIdBase: number;
  readonly components: readonly PlannedComponent[];
  readonly links: readonly PlannedLink[];
  readonly boundaries: readonly PlannedBoundary[];
  /** Supervisors of the unit's components (see `PlannedComponent.supervisor`). */
  readonly supervisors?: readonly PlannedSupervisor[];
  /** The placement options of the unit's components, merged (e.g. `resourceLimits`, `env`). */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * Capacity of a link the unit makes while running to a component in another unit, when the
   * link does not give one (the graph's crossing default). Default 1,024.
   */
  readonly crossingCapacity?: number;
}

/**
 * A unit asks the main thread for a link while it runs: a component there (one it added itself,
 * say) linked one of its boxes to a component outside the unit. The unit has already made its
 * own end; the main thread makes the other end, where the peer runs, and answers with the
 * endpoint the unit's end is to use.
 *
 * @example
 * ```ts
 * import type { LinkRequest } from '@plexus/core/backend';
 *
 * const request: LinkRequest = {
 *   id: 2 ** 32,
 *   side: 'send',
 *   local: 'filter-3.primes',
 *   type: 'PrimeFilter',
 *   peer: 'report.in',
 *   capacity: 1024,
 * };
 * ```
 */
export interface LinkRequest {
  /** The link's id, from the unit's own range. */
  readonly id: number;
  /** `send`: the unit's outbox feeds the link; `receive`: the link feeds the unit's inbox. */
  readonly side: 'send' | 'receive';
  /** `component.box` of the end in the unit. */
  readonly local: string;
  /** The definition name of the component at that end, for messages. */
  readonly type: string;
  /** `component.box` of the other end, as the component named it (full instance name). */
  readonly peer: string;
  readonly capacity: number;
  /** `idle`: an idle-priority link (`LinkOptions.priority`). */
  readonly priority?: 'idle';
}

/**
 * The main thread's answer to a {@link LinkRequest}: the unit's endpoint, or why not.
 *
 * @example
 * ```ts
 * import type { LinkReply } from '@plexus/core/backend';
 *
 * const refused = (reply: LinkReply) => 'error' in reply;
 * ```
 */
export type LinkReply = { readonly endpoint: EndpointSpec } | { readonly error: ErrorData };

/**
 * What a unit asks of the main thread while it runs (besides reporting its events).
 *
 * @example
 * ```ts
 * import type { UnitRequests } from '@plexus/core/backend';
 *
 * // A unit's host hands the main thread's requests on to hostUnit.
 * export const relay = (main: UnitRequests): UnitRequests => ({ link: (r) => main.link(r) });
 * ```
 */
export interface UnitRequests {
  /** Make the other end of a link one of the unit's components made to a component elsewhere. */
  link(request: LinkRequest): Promise<LinkReply>;
}

/**
 * A snapshot of a unit's counters.
 *
 * What a unit reports through `UnitEvents.stats`: its components and links, which the main
 * thread merges into the graph's `stats()`.
 *
 * @example
 * ```ts
 * import type { UnitStats } from '@plexus/core/backend';
 *
 * export const queued = (s: UnitStats) => s.links.reduce((n, link) => n + link.queued, 0);
 * ```
 */
export interface UnitStats {
  readonly components: ComponentInfo[];
  readonly links: LinkInfo[];
}

/**
 * What a unit reports, in order, to the core on the main thread.
 *
 * Each component's start, end, failure, restart and progress, its counters now and then, tap
 * samples, and once every component has finished, `finished`. The core turns these into the
 * graph's events, so a listener on the graph sees components wherever they run.
 *
 * @example
 * ```ts
 * import type { UnitEvents } from '@plexus/core/backend';
 *
 * export const logging = (events: UnitEvents): UnitEvents => ({
 *   ...events,
 *   ended: (info) => {
 *     console.error(`${info.name} ${info.state}`);
 *     events.ended(info);
 *   },
 * });
 * ```
 */
export interface UnitEvents {
  started(name: string): void;
  ended(info: ComponentInfo): void;
  failed(info: ComponentInfo, error: ErrorData): void;
  /** A supervised component crashed with `error` and is restarted, for the `restarts`th time. */
  restarted?(info: ComponentInfo, error: ErrorData, restarts: number): void;
  progress(name: string, done: number, total: number | undefined): void;
  stats(snapshot: UnitStats): void;
  /** A message sampled by a tap on one of the unit's links (see `UnitHandle.tap`). */
  tapped?(sample: TapSample): void;
  /** Every component of the unit (those it added itself too) has finished. */
  finished(): void;
}

/**
 * A started unit, as the core drives it.
 *
 * Where it runs (for messages), how to stop its components (gracefully: the sources only),
 * how to end it at once, and optionally how to tap its links and attach links made while the
 * graph runs.
 *
 * @example
 * ```ts
 * import type { UnitHandle } from '@plexus/core/backend';
 *
 * export async function shutdown(unit: UnitHandle): Promise<void> {
 *   unit.stop(true);
 *   await new Promise((resolve) => setTimeout(resolve, 1000));
 *   await unit.terminate();
 * }
 * ```
 */
export interface UnitHandle {
  /** Where it runs, for messages: `worker thread 7`, `process 4242`. */
  readonly where: string;
  /** Stop its components: only the sources if graceful. */
  stop(graceful: boolean): void;
  /** End it now (thread terminated, process killed), whatever its components are doing. */
  terminate(): Promise<void>;
  /**
   * Start sampling the messages going into link `link` if its receiving end is in the unit
   * (`options`), or stop (`undefined`): the unit's `UnitController.tap`. Samples come back
   * through `UnitEvents.tapped`. A backend without it has links that cannot be tapped.
   */
  tap?(link: number, options: Required<TapOptions> | undefined): void;
  /**
   * Add one end of a link made while the graph runs to a component in the unit (`boundary`,
   * its endpoint not yet opened): the unit's `UnitController.attach`. Rejects with the reason
   * the unit refused it. A backend without it has units no link can reach once they run.
   */
  attach?(boundary: PlannedBoundary): Promise<void>;
}

/**
 * A unit at one end of a link, as `crossProcess.channel()` is told of it.
 *
 * A backend whose links can take several forms picks one by where the two ends run: the NATS
 * backend gives a Unix socket between two units on one node, and NATS subjects otherwise.
 *
 * @example
 * ```ts
 * import type { UnitRef } from '@plexus/core/backend';
 *
 * const sameNode = (a: UnitRef, b: UnitRef) => a.options.node !== undefined && a.options.node === b.options.node;
 * ```
 */
export interface UnitRef {
  /** The unit's name, as `UnitPlan.unit` will say it: `nats 'count#2'`. */
  readonly unit: string;
  /** The backend that runs it. */
  readonly backend: string;
  /** Its placement options, merged (as `UnitPlan.options`). */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Runs units somewhere else. `@plexus/worker` and `@plexus/process` provide one each.
 *
 * Pass backends to `run({ backends })`; a placement names one by `name`, and a missing one is
 * loaded from `@plexus/<name>`. Write one with {@link defineBackend}, which needs only how a
 * unit's thread or process is started.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import type { Backend } from '@plexus/core/backend';
 * import { processBackend } from '@plexus/process';
 * import { workerBackend } from '@plexus/worker';
 *
 * const backends: Backend[] = [workerBackend(), processBackend()];
 * await graph('g').run({ backends });
 * ```
 */
export interface Backend {
  /** The placement name it serves: `worker`, `process`. */
  readonly name: string;
  /**
   * The placement options (`Placement.options` keys) its units read. A component placed on it
   * with any other fails the run before it starts (`ERR_BAD_PLACEMENT`, naming the option and
   * the backends that read it). Left out, options are not checked.
   */
  readonly placementOptions?: readonly string[];
  /**
   * Set when its units run in other processes: links that touch them cannot be MessagePorts,
   * so the core asks `channel()` for the two ends and, for an end on the main thread,
   * `open()` to turn it into an Endpoint. `channel()` is told the units at the two ends
   * (`undefined`: the main thread), so a backend can pick the transport by where they run.
   */
  readonly crossProcess?: {
    channel(send?: UnitRef, receive?: UnitRef): readonly [send: SocketSpec, receive: SocketSpec];
    /**
     * Its links reach other hosts: a link between one of its units and another backend's
     * takes its channel (a host-local one could not reach).
     */
    readonly network?: boolean;
    open(spec: SocketSpec): Endpoint;
  };
  /**
   * Start a unit. Report its events through `events`; call `died` (with a sentence naming the
   * unit and what happened) if it goes away before `finished`.
   */
  start(
    plan: UnitPlan,
    events: UnitEvents & Partial<UnitRequests> & { died(error: ErrorData): void },
  ): Promise<UnitHandle>;
}
