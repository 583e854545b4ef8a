import { join } from 'node:path';
import type { EndpointSpec, PlannedBoundary, SocketSpec, UnitPlan } from '@plexus/core/backend';
import { NATS_SPEC } from './natsSpec.ts';

/** A socket end within this node (`node:<file>`) as a path in the run's directory. */
export function localSocket(spec: EndpointSpec, runDir: string): EndpointSpec {
  const socket = (spec as SocketSpec).socket;
  if (socket.startsWith(NATS_SPEC)) return spec;
  return { ...(spec as SocketSpec), socket: join(runDir, socket.slice(5)) };
}

/** The boundary with its socket ends within this node made paths in the run's directory. */
export function localBoundary(boundary: PlannedBoundary, runDir: string): PlannedBoundary {
  return {
    ...boundary,
    ports: boundary.ports.map((port) => ({
      ...port,
      endpoint: localSocket(port.endpoint, runDir),
    })),
  };
}

/** Socket ends within this node (`node:<file>`) become paths in the run's directory. */
export function localSockets(plan: UnitPlan, runDir: string): UnitPlan {
  return { ...plan, boundaries: plan.boundaries.map((b) => localBoundary(b, runDir)) };
}
