/**
 * The child process's side, bundled with the unit's component modules: receive the plan over
 * the IPC channel, host the unit with the core runtime, report events back. If the parent
 * goes away — even killed with SIGKILL, which closes the channel — the child exits: no
 * orphans. Its stop comes from the parent, not from signals (relayedStop.ts).
 */
import { toErrorData } from '@plexus/core';
import {
  hostUnit,
  type UnitController,
  type UnitEvents,
  type UnitRequests,
} from '@plexus/core/backend';
import { expose, loadDefinitions, mapStacks, openEndpoint, openPlan, wrap } from '@plexus/host';
import { ipcEndpoint } from './ipcEndpoint.ts';
import type { UnitApi } from './protocol.ts';
import { awaitRelayedStop } from './relayedStop.ts';

// First, before the component modules of the bundle are evaluated: the bundle is this program.
if (process.argv[1] !== undefined) mapStacks(process.argv[1]);

/**
 * Run the host; `modules` import the unit's component modules, by the path the plan names
 * (the bundle is lazy: they are evaluated when the unit starts, so a spare child has loaded
 * Plexus and waits, its unit not yet known).
 */
export function runHost(
  modules: Readonly<Record<string, () => Promise<Record<string, unknown>>>>,
): void {
  process.on('disconnect', () => process.exit(0));
  const signals = awaitRelayedStop();
  const remote = wrap<Required<UnitEvents> & UnitRequests>(ipcEndpoint(process, 'events'));
  // Events are one-way: a failed report means the parent is gone, which 'disconnect' handles.
  const events: UnitEvents = {
    started: (name) => void remote.started(name).catch(() => {}),
    ended: (info) => void remote.ended(info).catch(() => {}),
    failed: (info, error) => void remote.failed(info, error).catch(() => {}),
    restarted: (info, error, restarts) =>
      void remote.restarted(info, error, restarts).catch(() => {}),
    progress: (name, done, total) => void remote.progress(name, done, total).catch(() => {}),
    stats: (snapshot) => void remote.stats(snapshot).catch(() => {}),
    tapped: (sample) => void remote.tapped(sample).catch(() => {}),
    finished: () => void remote.finished().catch(() => {}),
  };
  let unit: UnitController | undefined;
  const api: UnitApi = {
    ready() {},
    async start(plan) {
      try {
        const definitions = await loadDefinitions(plan.components, plan.backend, async (module) => {
          const load = modules[module];
          if (load === undefined)
            throw new Error(`module ${module} was not bundled into this process`);
          return load();
        });
        unit = hostUnit(openPlan(plan), definitions, events, `process ${process.pid}`, {
          link: (request) => remote.link(request),
          open: openEndpoint,
        });
        return {};
      } catch (error) {
        return { error: toErrorData(error) };
      }
    },
    stop(graceful) {
      signals.relayed();
      unit?.stop(graceful);
    },
    tap(link, options) {
      unit?.tap(link, options);
    },
    attach(boundary) {
      try {
        if (unit === undefined)
          throw new Error(`The unit in process ${process.pid} has not started.`);
        unit.attach(boundary);
        return {};
      } catch (error) {
        return { error: toErrorData(error) };
      }
    },
  };
  expose(api, ipcEndpoint(process, 'unit'));
}
