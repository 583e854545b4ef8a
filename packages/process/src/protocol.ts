/** The control plane between the parent and a child process that hosts a unit. */
import type { ErrorData, TapOptions } from '@plexus/core';
import type { PlannedBoundary, UnitPlan } from '@plexus/core/backend';

/** What the child exposes (tag `unit`); it reports its events on tag `events`. */
export interface UnitApi {
  /** Answers once the bundle's host is loaded: a spare child is then ready for its unit. */
  ready(): void;
  start(plan: UnitPlan): Promise<{ error?: ErrorData }>;
  stop(graceful: boolean): void;
  /** Sample a link that ends in the unit (`options`), or stop (`undefined`). */
  tap(link: number, options: Required<TapOptions> | undefined): void;
  /** Add one end of a link made while the graph runs; an error comes back as data. */
  attach(boundary: PlannedBoundary): { error?: ErrorData };
}
