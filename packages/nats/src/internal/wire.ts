/** The requests and reports between a coordinator and a node agent (V8-serialized over NATS). */
import type { ErrorData, TapOptions } from '@plexus/core';
import type { PlannedBoundary, UnitEvents, UnitPlan } from '@plexus/core/backend';

/** Coordinator → node (`plexus.node.<n>.start`): run this unit. */
export interface StartRequest {
  readonly run: string;
  readonly unit: number;
  readonly plan: UnitPlan;
  /** SHA-256 of the bundle in the object store. */
  readonly bundle: string;
  readonly version: string;
  /** How many times the coordinator has started it before (its reports' subjects say which). */
  readonly incarnation?: number;
}

/** Node → coordinator: where the unit runs, or why it could not start. */
export type StartReply =
  | { readonly where: string; error?: undefined }
  | { readonly error: ErrorData };

/** Coordinator → node (`plexus.node.<n>.control`). */
export type ControlRequest = { readonly run: string; readonly unit: number } & (
  | { readonly op: 'stop'; readonly graceful: boolean }
  | {
      readonly op: 'tap';
      readonly link: number;
      readonly options: Required<TapOptions> | undefined;
    }
  | { readonly op: 'terminate' }
  /** Add one end of a link made while the graph runs; answered with an AttachReply. */
  | { readonly op: 'attach'; readonly boundary: PlannedBoundary }
);

/** Node → coordinator: the unit took the link's end, or why not. */
export interface AttachReply {
  readonly error?: ErrorData;
}

/** Node → coordinator (`plexus.run.<r>.u.<u>.ev`): an event of the unit, or its death. */
export type UnitReport =
  | readonly ['event', keyof UnitEvents, readonly unknown[]]
  | readonly ['died', ErrorData];

/** Local socket ends are `node:<file>` (the node makes them paths in its run directory). */
export const NODE_SOCKET = 'node:';
