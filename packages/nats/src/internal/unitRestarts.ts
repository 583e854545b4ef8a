/**
 * When a unit on a node may start again after its node died or its process exited: its
 * components are all supervised, and every link it has to other units crosses NATS (a link
 * within the node, a Unix socket there, could not follow it to another node). A durable link
 * resumes where the copy that died left it (its JetStream stream kept what it had not taken);
 * a plain one starts its numbering again with the new copy, and what was in flight to or from
 * the dead copy is lost and counted (see natsEndpoint.ts). How often: its supervisors'
 * `maxRestarts` within `withinMs` (the strictest of them), as for a crash on any backend; how
 * soon: their `backoffMs` (the longest), doubled for each further restart within `withinMs`, up
 * to `maxBackoffMs` — the core's rule for a restart where the component runs.
 */
import type { SocketSpec, UnitPlan } from '@plexus/core/backend';
import { NATS_SPEC } from './natsSpec.ts';

/** A unit's restarts: whether it may restart once more, and after how long a wait. */
export interface RestartBudget {
  /** Counts a restart now, if the policy allows one; else false. */
  allow(): boolean;
  /** The wait before the restart just allowed (ms). */
  backoffMs(): number;
}

/** Whether `plan`'s unit may restart, and if so its budget of restarts. */
export function unitRestarts(plan: UnitPlan): RestartBudget | undefined {
  const policies = supervision(plan);
  if (!overNats(plan) || policies.some((p) => p === undefined)) return undefined;
  const maxRestarts = Math.min(...policies.map((p) => p!.maxRestarts));
  const withinMs = Math.max(...policies.map((p) => p!.withinMs));
  const backoffMs = Math.max(...policies.map((p) => p!.backoffMs));
  const maxBackoffMs = Math.max(...policies.map((p) => p!.maxBackoffMs));
  const times: number[] = [];
  return {
    backoffMs: () => Math.min(backoffMs * 2 ** Math.max(times.length - 1, 0), maxBackoffMs),
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
