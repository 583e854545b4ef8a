/**
 * @plexus/core/backend — the contract for backends that run components outside the main
 * event loop, and the host that runs a unit of components there. For backend authors; graphs
 * are built with `@plexus/core`.
 *
 * @packageDocumentation
 */

export type { Backend, UnitRef } from './Backend.ts';
export type { BackendAdapter, LaunchedUnit, UnitDeath } from './defineBackend.ts';
export { defineBackend } from './defineBackend.ts';
export type { Endpoint } from './Endpoint.ts';
export type { EndpointSpec, SocketSpec } from './EndpointSpec.ts';
export { holdsInstance } from './holdsInstance.ts';
export type { HostLinks, UnitController } from './hostUnit.ts';
export { hostUnit } from './hostUnit.ts';
export type { UnitEvents, UnitStats } from './UnitEvents.ts';
export type { UnitHandle } from './UnitHandle.ts';
export type {
  PlannedBoundary,
  PlannedComponent,
  PlannedLink,
  PlannedPort,
  PlannedSupervisor,
  UnitPlan,
} from './UnitPlan.ts';
export type { LinkReply, LinkRequest, UnitRequests } from './UnitRequests.ts';
