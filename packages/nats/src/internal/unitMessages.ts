/** The messages between a node agent and the child process of one of its units (IPC). */
import type { ErrorData, TapOptions } from '@plexus/core';
import type {
  LinkReply,
  LinkRequest,
  PlannedBoundary,
  UnitEvents,
  UnitPlan,
} from '@plexus/core/backend';

/**
 * Node → unit: start with this plan (`where` names the unit's place; then which copy of the unit
 * it is, its incarnation), stop, tap a link; the coordinator's answer to the unit's link request
 * number `n`; attach a link's end (request `n`).
 */
export type ToUnit =
  | readonly ['start', UnitPlan, string, number?]
  | readonly ['stop', boolean]
  | readonly ['tap', number, Required<TapOptions> | undefined]
  | readonly ['linked', number, LinkReply]
  | readonly ['attach', number, PlannedBoundary];

/**
 * Unit → node: started (or not: the error), one of its events, a link a component made while
 * running (request `n`, for the coordinator), or the answer to attach request `n`.
 */
export type ToNode =
  | readonly ['started', ErrorData?]
  | readonly ['event', keyof UnitEvents, readonly unknown[]]
  | readonly ['link', number, LinkRequest]
  | readonly ['attached', number, ErrorData?];
