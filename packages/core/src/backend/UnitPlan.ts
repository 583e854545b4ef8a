/**
 * The plan of one unit: the components placed together, the links among them, one boundary per
 * link that leaves the unit, and its supervisors. Plain data, posted to a thread or a process.
 */
import type { FullPolicy } from '../SupervisePolicy.ts';
import type { EndpointSpec } from './EndpointSpec.ts';

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
  /** A durable link (`LinkOptions.durable`): what this unit has not taken is kept for it. */
  readonly durable?: true;
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
