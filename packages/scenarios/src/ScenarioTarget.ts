import type { Placement, RunOptions } from '@plexus/core';

/** Where the suite places instances, and how it runs graphs. */
export interface ScenarioTarget {
  /** Shown in test names: `inline`, `worker`, `mixed`… */
  readonly name: string;
  /** Placement of the instance with this name. */
  place(instance: string): Placement;
  /** Extra run options (e.g. backends). */
  readonly runOptions?: RunOptions;
}
