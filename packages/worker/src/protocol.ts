/** The control plane between the main thread and a worker that hosts a unit (over Comlink). */
import type { ErrorData, TapOptions } from '@plexus/core';
import type { PlannedBoundary, UnitEvents, UnitPlan, UnitRequests } from '@plexus/core/backend';

/** What the worker exposes. */
export interface UnitApi {
  /** Answers once the host is loaded: a spare thread is then ready for a unit. */
  ready(): void;
  /** Load the definitions and start the unit; an error comes back as data, code and all. */
  start(plan: UnitPlan, events: UnitEvents & Partial<UnitRequests>): Promise<{ error?: ErrorData }>;
  /** Stop its components: only its sources if graceful. */
  stop(graceful: boolean): void;
  /** Sample a link that ends in the unit (`options`), or stop (`undefined`). */
  tap(link: number, options: Required<TapOptions> | undefined): void;
  /** Add one end of a link made while the graph runs; an error comes back as data. */
  attach(boundary: PlannedBoundary): { error?: ErrorData };
  /** The unit has finished: let the thread end by itself, so what it printed is flushed. */
  shutdown(): void;
}
