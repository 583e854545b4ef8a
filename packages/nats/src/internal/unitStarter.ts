/**
 * How a coordinator starts one unit on a node agent: it bundles and uploads the unit's code,
 * asks the chosen node to start it, relays its reports and link requests to the core, and,
 * for a unit that may restart, starts it again on another live node when its node dies.
 */
import { deserialize, serialize } from 'node:v8';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { type ErrorData, fromErrorData } from '@plexus/core';
import type {
  LinkReply,
  LinkRequest,
  UnitEvents,
  UnitHandle,
  UnitPlan,
  UnitRequests,
} from '@plexus/core/backend';
import { checkPlacement } from '@plexus/host';
import { type Bundle, bundleUnit } from '../bundleUnit.ts';
import { NatsErrors } from '../errors.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import type { NatsPlacementOptions } from '../unitIsolation.ts';
import { asErrorData } from './asErrorData.ts';
import type { CoordinatorRelays } from './coordinatorRelays.ts';
import type { durableStreams } from './durableStreams.ts';
import type { NodePlacements } from './nodePlacements.ts';
import { nodeControl, nodeStart, unitLinks } from './subjects.ts';
import { reportReceiver } from './unitReports.ts';
import { pinnedToNode, unitRestarts } from './unitRestarts.ts';
import type { bundleUploader } from './uploadBundle.ts';
import type { AttachReply, ControlRequest, StartReply, StartRequest } from './wire.ts';

/** A unit the coordinator watches: its node's heartbeats and its reports. */
export interface Watched {
  node: NodeInfo;
  readonly names: string;
  readonly events: UnitEvents & { died(error: ErrorData): void };
  settled: boolean;
  /** Supervised, but kept on its node by a Unix socket link: its node's death says why. */
  readonly pinned: boolean;
  /** Start it again on a live node (its node died); set for a unit that may restart. */
  readonly restart?: (died?: ErrorData) => Promise<void>;
  restarting: boolean;
}

/** What a coordinator shares with the units it starts. */
export interface Coordinator {
  readonly nc: NatsConnection;
  readonly run: string;
  readonly version: string;
  readonly deadAfterMs: number;
  readonly startTimeoutMs: number;
  readonly placements: NodePlacements;
  readonly relays: CoordinatorRelays;
  readonly streams: ReturnType<typeof durableStreams>;
  readonly bundles: ReturnType<typeof bundleUploader>;
  /** The units it wants running, by id, and the node each should run on (its heartbeat says). */
  readonly wanted: Map<number, string>;
  readonly watched: Map<number, Watched>;
  /** Forget a node (it is gone): it is not chosen again until it heartbeats. */
  forget(node: string): void;
}

/** How long a unit whose process exited waits before it starts again (see restart). */
const SETTLE_MS = 250;

type StartEvents = UnitEvents & Partial<UnitRequests> & { died(error: ErrorData): void };

/**
 * The backend's `start`: place a unit on a node that matches, start it there, and watch it.
 *
 * The unit's id is wanted (on its node) before the start request goes, so no heartbeat of the
 * coordinator disowns a unit being started; a restart names the new node, so the old one, if
 * it was only cut off, kills its stale copy as soon as it hears the coordinator again.
 */
export function unitStarter(
  c: Coordinator,
): (plan: UnitPlan, events: StartEvents) => Promise<UnitHandle> {
  const { nc, run, placements, relays } = c;
  let units = 0;
  return async (plan, events) => {
    checkPlacement(plan.components, 'nats');
    const placement = plan.options as NatsPlacementOptions;
    const node = placements.assign(plan.unit, placement);
    let bundle: Bundle;
    try {
      bundle = await bundleUnit(
        plan.components.map((component) => component.module),
        placement.external,
      );
      await c.bundles.upload(bundle);
    } catch (error) {
      placements.release(plan.unit);
      relays.end(plan.unit);
      throw error;
    }
    const id = units++;
    c.wanted.set(id, node.name);
    const names = plan.components
      .map((component) => `'${component.name}' (${component.type})`)
      .join(', ');
    const launch = async (on: NodeInfo): Promise<StartReply> => {
      const request: StartRequest = {
        run,
        unit: id,
        plan,
        bundle: bundle.hash,
        version: c.version,
        incarnation: reports.incarnation,
      };
      const msg = await nc.request(nodeStart(on.name), serialize(request), {
        timeout: c.startTimeoutMs,
      });
      return deserialize(msg.data) as StartReply;
    };
    let restarts = 0;
    const budget = unitRestarts(plan);
    /**
     * The unit starts again on a live node that matches (durable links resume, plain ones start
     * again and count what they lost): after its node died (not that node), or after its
     * process died (`died`, any node). The core counts the losses from the dead copy's last
     * stats, so the new copy's are held back until its restart is told.
     */
    const restart = async (died?: ErrorData) => {
      const dead = unit.node;
      const error =
        died ?? asErrorData(NatsErrors.nodeLost(dead.name, dead.host, names, c.deadAfterMs));
      if (died === undefined) c.forget(dead.name);
      placements.release(plan.unit);
      try {
        if (budget?.allow() !== true) throw new Error('its supervisors allow no more restarts');
        // A process that just exited: what it published reaches the other ends before its
        // losses are counted (a dead node's was in long before it was found dead). Then the
        // supervisors' backoff, as for a restart on any backend.
        const wait = Math.max(budget.backoffMs(), died === undefined ? 0 : SETTLE_MS);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const on = placements.assign(plan.unit, placement);
        c.wanted.set(id, on.name);
        // From now on only the new incarnation's reports are the unit's.
        unit.node = on;
        events.renewed?.();
        reports.renew(on.name);
        const again = await launch(on);
        if (again.error !== undefined) throw fromErrorData(again.error);
        restarts++;
        for (const component of plan.components)
          events.restarted?.(
            {
              name: component.name,
              type: component.type,
              backend: 'nats',
              state: 'running',
              where: again.where,
            },
            error,
            restarts,
          );
        unit.restarting = false;
      } catch {
        unit.settled = true;
        events.died(error);
      }
    };
    const unit: Watched = {
      node,
      names,
      events,
      settled: false,
      restarting: false,
      pinned: budget === undefined && pinnedToNode(plan),
      ...(budget === undefined ? {} : { restart }),
    };
    // Reports come on a link of their own per incarnation: a copy on a node it was started on
    // before (cut off, not dead) is not this unit.
    const reports = reportReceiver(nc, run, id, node.name, (report) => {
      if (unit.settled) return;
      if (report[0] === 'died') {
        if (unit.restart !== undefined && !unit.restarting) {
          unit.restarting = true;
          void unit.restart(report[1]);
          return;
        }
        unit.settled = true;
        events.died(report[1]);
        return;
      }
      // A new copy's counters wait until its restart is told (see restart).
      if (unit.restarting && report[1] === 'stats') return;
      if (report[1] === 'finished') unit.settled = true;
      (events[report[1]] as (...args: unknown[]) => void)(...report[2]);
    });
    // Links its components make while running: the core makes the other end, where it runs.
    const linkRequests: Subscription = nc.subscribe(unitLinks(run, id), {
      callback: (_e, msg) => {
        const answer = (reply: LinkReply) => msg.respond(serialize(reply));
        const link = events.link;
        if (link === undefined) {
          answer({ error: asErrorData(NatsErrors.noDynamicLinks(plan.unit)) });
          return;
        }
        link
          .call(events, deserialize(msg.data) as LinkRequest)
          .then(answer, (error: unknown) => answer({ error: asErrorData(error) }));
      },
    });
    /** It did not start: forget it. */
    const abandon = () => {
      reports.close();
      linkRequests.unsubscribe();
      c.wanted.delete(id);
      placements.release(plan.unit);
      relays.end(plan.unit);
    };
    let reply: StartReply;
    try {
      reply = await launch(node);
    } catch (error) {
      abandon();
      if (/no responders/i.test((error as Error).message)) {
        // Gone since its last heartbeat: not a place for the next unit either.
        c.forget(node.name);
        throw NatsErrors.nodeGone(node.name, node.host, plan.unit);
      }
      throw NatsErrors.startTimeout(node.name, plan.unit, c.startTimeoutMs);
    }
    if (reply.error !== undefined) {
      abandon();
      throw fromErrorData(reply.error);
    }
    c.watched.set(id, unit);
    const control = (request: ControlRequest) =>
      nc.publish(nodeControl(unit.node.name), serialize(request));
    return {
      where: reply.where,
      stop: (graceful) => control({ run, unit: id, op: 'stop', graceful }),
      tap: (link, tapOptions) => control({ run, unit: id, op: 'tap', link, options: tapOptions }),
      async attach(boundary) {
        const request: ControlRequest = { run, unit: id, op: 'attach', boundary };
        const msg = await nc.request(nodeControl(unit.node.name), serialize(request), {
          timeout: c.startTimeoutMs,
        });
        const { error } = deserialize(msg.data) as AttachReply;
        if (error !== undefined) throw fromErrorData(error);
      },
      async terminate() {
        unit.settled = true;
        c.watched.delete(id);
        // If the node does not answer (it is gone, or frozen), its next heartbeat disowns it.
        c.wanted.delete(id);
        placements.release(plan.unit);
        const request: ControlRequest = { run, unit: id, op: 'terminate' };
        await nc
          .request(nodeControl(unit.node.name), serialize(request), { timeout: c.deadAfterMs })
          .catch(() => {});
        reports.close();
        linkRequests.unsubscribe();
        relays.end(plan.unit);
        await c.streams.end(plan.unit);
      },
    };
  };
}
