/**
 * The run contract: a component instance as the helpers of its lifecycle see it (`endRun`,
 * `stepGenerator`, `runInfo`, `describeFailure`, `ContextImpl`), and what it needs of the
 * network above it (`RunHost`) and of the supervision beside it (`RunSupervisor`,
 * `RunRestart`). `ComponentRun` implements `Run` and `Network` implements `RunHost`; this
 * file imports neither, so a component's run sits on the boxes' floor and under the network.
 */
import type { EventEmitter } from 'eventemitter3';
import type { ComponentDefinition, NodeHandle, Scope } from '../Definition.ts';
import type { PlexusError } from '../errors.ts';
import type { FullPolicy } from '../SupervisePolicy.ts';
import type {
  ComponentInfo,
  ComponentState,
  GraphEvents,
  GraphStats,
  Placement,
} from '../types.ts';
import type { BoxOwner } from './BoxOwner.ts';
import type { Sequencer } from './boundary/Sequencer.ts';
import type { InboxImpl } from './InboxImpl.ts';
import type { Link } from './Link.ts';
import type { OutboxImpl } from './OutboxImpl.ts';
import type { RunLife, RunRestart } from './runLife.ts';

/** The supervisor that handles a run's crashes, as the run sees it. */
interface RunSupervisor {
  readonly policy: FullPolicy;
  /** `run` crashed with `failure`: restart what its strategy says, or return the failure that fails the graph. */
  crashed(run: Run, failure: PlexusError): PlexusError | undefined;
}

/** A unit in another thread or process that the run stands for. */
export interface RunUnit {
  /** Where it runs, for messages: `worker thread 7`, `process 4242`. */
  readonly where: string;
}

/** What a component's run needs of the network it belongs to. */
export interface RunHost {
  readonly name: string;
  readonly state: 'building' | 'running' | 'done';
  readonly checked: boolean;
  /** Set in a unit: where the unit runs. */
  readonly where: string | undefined;
  /** The graph is stopping hard: outboxes that finish now abort their links. */
  readonly aborting: boolean;
  readonly stopTimeout: number;
  /** Restarts under way. */
  readonly pending: Set<RunRestart & { cancel(): void }>;
  readonly events: EventEmitter<GraphEvents>;
  /** The graph's own restart policy (its top-level components as a group), if any. */
  readonly supervise: FullPolicy | undefined;
  /** Its supervisor, once made (supervision's own, typed loosely here). */
  supervisor: object | undefined;
  announce(event: 'component:start' | 'component:end', run: Run): void;
  restarted(run: Run, error: Error, restarts: number): void;
  progress(run: Run, done: number, total: number | undefined): void;
  stats(): GraphStats;
  supervisorOf(run: Run): RunSupervisor | undefined;
  /** An inline instance finished (`failure` set if its body threw). */
  settled(run: Run, failure: Error | undefined): void;
  /** Fail the graph with `error`. */
  failWith(error: Error): void;
}

/**
 * The scope a run was added to (a `ScopeImpl`): the graph's or a composite's, on its network.
 * Supervision walks it outwards to find who handles a crash.
 */
export interface RunScope extends Scope {
  readonly net: RunHost;
  readonly children: ReadonlyMap<string, Run | ScopeOwner>;
  /** The composite whose scope this is; none for the graph's own. */
  readonly owner: ScopeOwner | undefined;
  /**
   * Set in a unit while links it asked the main thread for are not made yet: a run that
   * finishes meanwhile waits for it, so the links it had stay open until the new ones exist.
   */
  readonly held?: Promise<void> | undefined;
}

/** A composite instance (a `CompositeRecord`), as supervision walks it. */
export interface ScopeOwner {
  readonly name: string;
  /** Its own scope, of its children. */
  readonly scope: RunScope;
  /** The scope it was added to. */
  readonly parentScope: RunScope;
  /** The restart policy of its children as a group, if it was added with one. */
  readonly supervise: FullPolicy | undefined;
  /** Its supervisor, once made (supervision's own, typed loosely here). */
  supervisor: object | undefined;
}

/** A component instance, as the helpers of its lifecycle see it (`ComponentRun`). */
export interface Run extends BoxOwner, NodeHandle<ComponentDefinition> {
  /** Where it is in its life (see runLife.ts); changed only through `enter`. */
  readonly life: RunLife;
  /** What `stats()` and events report: a view of `life`. */
  readonly state: ComponentState;
  readonly halted: boolean;
  checked: boolean;
  watching: boolean;
  readonly slow: boolean;
  sequencer: Sequencer | undefined;
  readonly scope: RunScope;
  readonly net: RunHost;
  readonly definition: ComponentDefinition;
  readonly params: unknown;
  readonly placement: Placement;
  readonly backend: string;
  readonly where: string;
  readonly inboxes: Record<string, InboxImpl>;
  readonly outboxes: Record<string, OutboxImpl>;
  generator: Generator<unknown, unknown, unknown> | undefined;
  reason: string | undefined;
  lastLink: Link | undefined;
  /** For error reports: the inbox and the message it received last. */
  readonly lastBox: string | undefined;
  readonly lastMessage: unknown;
  unit: RunUnit | undefined;
  /** Its own restart policy, if it was added with one. */
  supervise: FullPolicy | undefined;
  /** Its supervisor, once looked up (supervision's own, typed loosely here; `null`: none). */
  supervisor: object | null | undefined;
  restarts: number;
  controller: AbortController | undefined;
  stopReason: Error | undefined;
  readonly signal: AbortSignal;
  readonly draining: AbortSignal;
  /** What few instances use, made now if it was not (see `RunExtras`). */
  more(): {
    onValue: ((value: unknown) => void) | undefined;
    onReason: ((reason: unknown) => void) | undefined;
  };
  /** Enter `life`: the one place a run's life changes. */
  enter(life: RunLife): void;
  start(): void;
  finish(error: unknown): void;
  halt(reason: string, error?: Error): void;
  stopForRestart(restart: RunRestart, crashed?: boolean): void;
  rerun(): void;
  info(): ComponentInfo;
}
