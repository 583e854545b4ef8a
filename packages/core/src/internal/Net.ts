/**
 * The network contract: a run's network as the helpers of its lifecycle see it (stopping,
 * deadlock watching, planning units, taps), and as a remote unit reports to it (`UnitHost`).
 * `Network` implements both; the helpers import this file, never the network itself, so the
 * network sits on top of its helpers.
 */

import type { Endpoint } from '../backend/Endpoint.ts';
import type { RunResult } from '../types.ts';
import type { Reporter } from './boundary/attachBoundary.ts';
import type { ComponentRun } from './ComponentRun.ts';
import type { NetLife } from './netLife.ts';
import type { Supervisor } from './supervision/Supervisor.ts';
import type { RemoteUnit } from './units/RemoteUnit.ts';
import type { UnitHost } from './units/UnitHost.ts';

export interface Net extends UnitHost {
  readonly name: string;
  readonly life: NetLife;
  /** The one place its life changes. */
  enter(life: NetLife): void;
  /** A view of `life` (`starting` reads `building`, `halting` reads `running`). */
  readonly state: 'building' | 'running' | 'done';
  /** The first failure: the run rejects with it. */
  error: Error | undefined;
  /** A stop was asked for: the run resolves `stopped` rather than `completed`. */
  stopRequested: boolean;
  /** The deadline of a graceful stop, or of a stop after which what still runs is abandoned. */
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly done: Promise<RunResult> | undefined;
  readonly units: readonly RemoteUnit[];
  /** Receiving ends of links from other units, for their counters. */
  readonly readers: Reporter[];
  /** Ends of links to other units opened on this thread, closed when the run is over. */
  readonly endpoints: Endpoint[];
  nextLinkId(): number;
  /** Every component instance, in the order added. */
  leaves(): ComponentRun[];
  supervisorOf(run: ComponentRun): Supervisor | undefined;
  failWith(error: Error): void;
}

/** The network's top scope (the graph's `ScopeImpl`), as the network walks it. */
export interface NetworkRoot {
  /** Push every component instance under it, in the order added (composites walked in place). */
  leaves(into: ComponentRun[]): void;
}
