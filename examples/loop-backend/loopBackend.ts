/**
 * The smallest backend: each unit is hosted on the main thread itself, its links to the rest
 * of the graph over MessageChannels, as a worker's would be. It shows the contract and nothing
 * else: `defineBackend` does the shared part (racing the start, forwarding events, reporting a
 * death, ending once); this file only says how a unit is launched, started, stopped and ended.
 */
import type { ComponentDefinition } from '@plexus/core';
import {
  type Backend,
  defineBackend,
  hostUnit,
  type LaunchedUnit,
  type PlannedComponent,
  type UnitController,
  type UnitDeath,
  type UnitPlan,
} from '@plexus/core/backend';

/** Where a unit finds its components' definitions (a real backend imports `component.module`). */
export type DefinitionOf = (component: PlannedComponent) => ComponentDefinition<any, any, any>;

let launched = 0;

/** A backend named `loop` whose units run here, on the main thread. */
export function loopBackend(definitionOf: DefinitionOf): Backend {
  return defineBackend({ name: 'loop', launch: async (plan) => launchLoop(plan, definitionOf) });
}

function launchLoop(plan: UnitPlan, definitionOf: DefinitionOf): LaunchedUnit {
  const where = `loop unit ${++launched}`;
  let unit: UnitController | undefined;
  // A unit on this thread cannot die apart from it: `died` never settles, and it is gone once ended.
  const died = new Promise<UnitDeath>(() => {});
  let gone: () => void = () => {};
  const exited = new Promise<void>((resolve) => {
    gone = resolve;
  });
  return {
    where,
    died,
    exited,
    async start(unitPlan, events) {
      const definitions = new Map(unitPlan.components.map((c) => [c.name, definitionOf(c)]));
      unit = hostUnit(unitPlan, definitions, events, where);
      return {};
    },
    stop: (graceful) => unit?.stop(graceful),
    tap: (link, options) => unit?.tap(link, options),
    async end() {
      unit?.stop(false);
      // The ends of its links (MessagePorts) would keep this process alive: close them.
      for (const boundary of plan.boundaries)
        for (const port of boundary.ports) if (!('socket' in port.endpoint)) port.endpoint.close();
      gone();
    },
  };
}
