/**
 * What a unit reports to the core on the main thread: its components' lifecycle, counters and
 * tap samples, and when every component has finished.
 */
import type { ErrorData } from '../errors.ts';
import type { TapSample } from '../inspect.ts';
import type { ComponentInfo, LinkInfo } from '../types.ts';

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
  /**
   * The unit runs again as a new copy, elsewhere (its host died, or its process): its counters
   * start again, and what its links that are not durable had in flight to or from the copy
   * before is lost. Said before the new copy's first stats and its `restarted` events.
   */
  renewed?(): void;
}
