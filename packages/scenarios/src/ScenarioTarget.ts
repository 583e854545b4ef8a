import type { Placement, RunOptions } from '@plexus/core';

/** Where the suite places instances, and how it runs graphs. */
export interface ScenarioTarget {
  /** Shown in test names: `inline`, `worker`, `mixed`… */
  readonly name: string;
  /** Placement of the instance with this name. */
  place(instance: string): Placement;
  /** Extra run options (e.g. backends). */
  readonly runOptions?: RunOptions;
  /**
   * Set where `place` spreads instances over several backends and a suite runs for each of
   * those backends alone: scenarios that keep every instance of their graph in one unit (unit
   * deaths, idle priority) would only repeat one of those suites, so they are left out here.
   */
  readonly mixed?: boolean;
}
