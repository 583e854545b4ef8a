import { join } from 'node:path';
import type { PlannedBoundary, SocketSpec, UnitPlan } from '@plexus/core/backend';
import { NATS_SPEC } from './natsSpec.ts';

/** Socket ends within this node (`node:<file>`) become paths in the run's directory. */
export function localSockets(plan: UnitPlan, runDir: string): UnitPlan {
  const open = (boundary: PlannedBoundary): PlannedBoundary => ({
    ...boundary,
    ports: boundary.ports.map((port) => {
      const spec = port.endpoint as SocketSpec;
      if (spec.socket.startsWith(NATS_SPEC)) return port;
      return { ...port, endpoint: { ...spec, socket: join(runDir, spec.socket.slice(5)) } };
    }),
  });
  return { ...plan, boundaries: plan.boundaries.map(open) };
}
