/**
 * The worker thread's side: receive a unit's plan over Comlink, import its components'
 * definitions (TypeScript compiles on import), and host the unit with the core runtime.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { toErrorData } from '@plexus/core';
import { hostUnit, type UnitController } from '@plexus/core/backend';
import { expose, loadDefinitions, nodeEndpoint, openPlan } from '@plexus/host';
import type { UnitApi } from './protocol.ts';

let unit: UnitController | undefined;

const api: UnitApi = {
  async start(plan, events) {
    try {
      const definitions = await loadDefinitions(plan.components, plan.backend);
      unit = hostUnit(openPlan(plan), definitions, events, `worker thread ${threadId}`);
      return {};
    } catch (error) {
      return { error: toErrorData(error) };
    }
  },
  stop(graceful) {
    unit?.stop(graceful);
  },
};

expose(api, nodeEndpoint(parentPort!));
