/**
 * The worker thread's side: receive a unit's plan over Comlink, import its components'
 * definitions (TypeScript compiles on import), and host the unit with the core runtime.
 */
import { type MessagePort, parentPort, threadId } from 'node:worker_threads';
import { toErrorData } from '@plexus/core';
import { hostUnit, type UnitController, type UnitEvents } from '@plexus/core/backend';
import {
  expose,
  loadDefinitions,
  nodeEndpoint,
  openEndpoint,
  openPlan,
  releaseProxy,
} from '@plexus/host';
import type { UnitApi } from './protocol.ts';

// Stacks follow the source maps of what loads from now on — the components' modules — but not
// of Plexus and zod, loaded above: mapping those cost ~40 ms of start-up (see hostExecArgv).
process.setSourceMapsEnabled(true);

let unit: UnitController | undefined;
/** What keeps this thread alive once its unit has finished: the events proxy and data ports. */
const held: Array<() => void> = [];

const api: UnitApi = {
  ready() {},
  async start(plan, events) {
    held.push(() => (events as UnitEvents & { [releaseProxy]?: () => void })[releaseProxy]?.());
    for (const boundary of plan.boundaries) {
      for (const port of boundary.ports) {
        if (!('socket' in port.endpoint)) held.push(() => (port.endpoint as MessagePort).close());
      }
    }
    try {
      const definitions = await loadDefinitions(plan.components, plan.backend);
      const link = events.link;
      unit = hostUnit(
        openPlan(plan),
        definitions,
        events,
        `worker thread ${threadId}`,
        link === undefined
          ? undefined
          : {
              link: (request) => link(request),
              open: (spec) => {
                const endpoint = openEndpoint(spec);
                if (!('socket' in spec)) held.push(() => endpoint.close());
                return endpoint;
              },
            },
      );
      return {};
    } catch (error) {
      return { error: toErrorData(error) };
    }
  },
  stop(graceful) {
    unit?.stop(graceful);
  },
  tap(link, options) {
    unit?.tap(link, options);
  },
  attach(boundary) {
    try {
      if (unit === undefined)
        throw new Error(`The unit in worker thread ${threadId} has not started.`);
      unit.attach(boundary);
      return {};
    } catch (error) {
      return { error: toErrorData(error) };
    }
  },
  shutdown() {
    // Called once the whole run is over: let go of every port so the thread ends by itself,
    // after what it printed has been flushed.
    setImmediate(() => {
      for (const release of held.splice(0)) release();
      parentPort?.close();
    });
  },
};

expose(api, nodeEndpoint(parentPort!));
