/**
 * A started unit, as the core drives it: stop, terminate, tap its links, attach new ones.
 */
import type { TapOptions } from '../inspect.ts';
import type { PlannedBoundary } from './UnitPlan.ts';

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
