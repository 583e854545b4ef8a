/**
 * When a unit on a node may start again after its node died or its process exited: its
 * components are all supervised, and every link it has to other units crosses NATS (a link
 * within the node, a Unix socket there, could not follow it to another node). A durable link
 * resumes where the copy that died left it (its JetStream stream kept what it had not taken);
 * a plain one starts its numbering again with the new copy, and what was in flight to or from
 * the dead copy is lost and counted (see natsEndpoint.ts). How often: its supervisors'
 * `maxRestarts` within `withinMs` (the strictest of them), as for a crash on any backend.
 */
import type { SocketSpec, UnitPlan } from '@plexus/core/backend';
import { NATS_SPEC } from './natsSpec.ts';

/** Whether `plan`'s unit may restart, and if so a budget that says whether it may once more. */
export function unitRestarts(plan: UnitPlan): { allow(): boolean } | undefined {
  const policies = supervision(plan);
  if (!overNats(plan) || policies.some((p) => p === undefined)) return undefined;
  const maxRestarts = Math.min(...policies.map((p) => p!.maxRestarts));
  const withinMs = Math.max(...policies.map((p) => p!.withinMs));
  const times: number[] = [];
  return {
    allow() {
      const now = Date.now();
      while (times.length > 0 && now - times[0]! > withinMs) times.shift();
      if (times.length >= maxRestarts) return false;
      times.push(now);
      return true;
    },
  };
}

/** A unit whose components are all supervised but which a Unix socket link keeps on its node. */
export function pinnedToNode(plan: UnitPlan): boolean {
  return !overNats(plan) && supervision(plan).every((p) => p !== undefined);
}

const overNats = (plan: UnitPlan) =>
  plan.boundaries.every((b) =>
    b.ports.every((p) => (p.endpoint as SocketSpec).socket.startsWith(NATS_SPEC)),
  );

const supervision = (plan: UnitPlan) =>
  plan.components.map((c) =>
    c.supervisor === undefined ? undefined : plan.supervisors?.[c.supervisor]?.policy,
  );
