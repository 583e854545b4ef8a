/**
 * The defaults of a run, named in one place: what a link holds, how long stopped components
 * get, how long a quiet graph may wait before it is called deadlocked. Each option that takes
 * one of these says so.
 */

/**
 * Capacity of a link when none is given: messages it holds before a send waits.
 *
 * @example
 * ```ts
 * import { DEFAULT_CAPACITY, graph } from '@plexus/core';
 *
 * const g = graph('roomy', { capacity: DEFAULT_CAPACITY * 4 });
 * ```
 */
export const DEFAULT_CAPACITY = 64;

/**
 * How long stopped components get to finish before they are abandoned (`RunOptions.stopTimeout`), in ms.
 *
 * @example
 * ```ts
 * import { DEFAULT_STOP_TIMEOUT, graph } from '@plexus/core';
 *
 * await graph('patient').run({ stopTimeout: DEFAULT_STOP_TIMEOUT * 2 });
 * ```
 */
export const DEFAULT_STOP_TIMEOUT = 5000;

/**
 * How long every running component may wait on its boxes with no message moving before the
 * run fails as deadlocked (`RunOptions.deadlockTimeout`), in ms.
 *
 * @example
 * ```ts
 * import { DEFAULT_DEADLOCK_TIMEOUT, graph } from '@plexus/core';
 *
 * await graph('slow-io').run({ deadlockTimeout: DEFAULT_DEADLOCK_TIMEOUT * 10 });
 * ```
 */
export const DEFAULT_DEADLOCK_TIMEOUT = 1000;

/**
 * How long a graceful stop lets what is in flight drain before it stops hard (`StopOptions.timeout`), in ms.
 *
 * @example
 * ```ts
 * import { DEFAULT_DRAIN_TIMEOUT, graph } from '@plexus/core';
 *
 * const g = graph('draining');
 * const done = g.run();
 * await g.stop({ graceful: true, timeout: DEFAULT_DRAIN_TIMEOUT / 2 });
 * await done;
 * ```
 */
export const DEFAULT_DRAIN_TIMEOUT = 10_000;

/**
 * The extra time a unit in a worker or process gets to stop, beyond the run's stop timeout,
 * before the main thread gives up on it: its own stop timeout runs in the unit, and its reports
 * still have to cross back.
 *
 * @internal
 */
export const UNIT_STOP_GRACE = 2000;
