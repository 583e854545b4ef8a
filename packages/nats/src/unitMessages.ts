/** The messages between a node agent and the child process of one of its units (IPC). */
import type { ErrorData, TapOptions } from '@plexus/core';
import type { UnitEvents, UnitPlan } from '@plexus/core/backend';

/** Node → unit: start with this plan (`where` names the unit's place), stop, tap a link. */
export type ToUnit =
  | readonly ['start', UnitPlan, string]
  | readonly ['stop', boolean]
  | readonly ['tap', number, Required<TapOptions> | undefined];

/** Unit → node: started (or not: the error), or one of its events. */
export type ToNode =
  | readonly ['started', ErrorData?]
  | readonly ['event', keyof UnitEvents, readonly unknown[]];
