import type { UnitPlan } from '@plexus/core/backend';
import { openEndpoint } from './socketEndpoint.ts';

/**
 * The plan with every socket end opened, ready for `hostUnit` in this thread or process.
 *
 * @example
 * ```ts
 * import type { UnitPlan } from '@plexus/core/backend';
 * import { openPlan } from '@plexus/host';
 *
 * export function received(plan: UnitPlan): UnitPlan {
 *   return openPlan(plan); // its socket specs opened as endpoints
 * }
 * ```
 */
export function openPlan(plan: UnitPlan): UnitPlan {
  return {
    ...plan,
    boundaries: plan.boundaries.map((boundary) => ({
      ...boundary,
      ports: boundary.ports.map((port) => ({ ...port, endpoint: openEndpoint(port.endpoint) })),
    })),
  };
}
