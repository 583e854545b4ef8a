/**
 * @plexus/core/backend — the contract for backends that run components outside the main
 * event loop, and the host that runs a unit of components there. For backend authors; graphs
 * are built with `@plexus/core`.
 *
 * @packageDocumentation
 */

export type { BackendAdapter, LaunchedUnit, UnitDeath } from './defineBackend.ts';
export { defineBackend } from './defineBackend.ts';
export { holdsInstance } from './holdsInstance.ts';
export type { HostLinks, UnitController } from './hostUnit.ts';
export { hostUnit } from './hostUnit.ts';
export type {
  Backend,
  Endpoint,
  EndpointSpec,
  LinkReply,
  LinkRequest,
  PlannedBoundary,
  PlannedComponent,
  PlannedLink,
  PlannedPort,
  PlannedSupervisor,
  SocketSpec,
  UnitEvents,
  UnitHandle,
  UnitPlan,
  UnitRef,
  UnitRequests,
  UnitStats,
} from './types.ts';
