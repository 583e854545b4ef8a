/**
 * The coordinator's side of the NATS backend: it places units on node agents, ships their
 * code, wires their links and watches their nodes. A graph whose components are placed on
 * `nats` runs with it given to `run()`.
 */
import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Subscription } from '@nats-io/transport-node';
import { type ErrorData, fromErrorData, toErrorData } from '@plexus/core';
import type {
  Backend,
  LinkReply,
  LinkRequest,
  SocketSpec,
  UnitEvents,
  UnitHandle,
  UnitPlan,
  UnitRef,
  UnitRequests,
} from '@plexus/core/backend';
import { checkPlacement } from '@plexus/host';
import { type Bundle, bundleUnit } from './bundleUnit.ts';
import { CoordinatorRelays } from './coordinatorRelays.ts';
import { durableEndpoint } from './durableEndpoint.ts';
import { durableStreams } from './durableStreams.ts';
import { NatsErrors } from './errors.ts';
import { natsEndpoint } from './natsEndpoint.ts';
import { connectNats, type NatsSettings } from './natsSettings.ts';
import { natsEnd, natsSocket } from './natsSpec.ts';
import { natsVersion } from './natsVersion.ts';
import { decodeInfo, type NodeInfo } from './nodeInfo.ts';
import { NodePlacements } from './nodePlacements.ts';
import { pingNodes } from './pingNodes.ts';
import {
  linkBase,
  NODE_HEARTBEATS,
  nodeControl,
  nodeStart,
  runAlive,
  unitLinks,
} from './subjects.ts';
import { NATS_PLACEMENT_OPTIONS, type NatsPlacementOptions } from './unitIsolation.ts';
import { reportReceiver } from './unitReports.ts';
import { unitRestarts } from './unitRestarts.ts';
import { bundleUploader } from './uploadBundle.ts';
import {
  type AttachReply,
  type ControlRequest,
  NODE_SOCKET,
  type StartReply,
  type StartRequest,
} from './wire.ts';

/** Options of {@link natsBackend}. */
export interface NatsBackendOptions {
  readonly nats: NatsSettings;
  /** This coordinator's heartbeat period (nodes kill its units when it stops). Default 500 ms. */
  readonly heartbeatMs?: number;
  /** A node silent this long has failed, and so have its units. Default 3000 ms. */
  readonly deadAfterMs?: number;
  /** How long to listen for nodes before the first run. Default 300 ms. */
  readonly discoverMs?: number;
  /** How long a node may take to start a unit (fetching its bundle included). Default 30 s. */
  readonly startTimeoutMs?: number;
}

/** The NATS backend, with what a coordinator needs beyond the Backend contract. */
export interface NatsBackend extends Backend {
  /** The live nodes, as last heard. */
  nodes(): NodeInfo[];
  /** Bundles this coordinator has put in the object store (a bundle already there is not). */
  readonly uploads: number;
  /** Leave NATS (after the runs that use it). */
  close(): Promise<void>;
}

interface Watched {
  node: NodeInfo;
  readonly names: string;
  readonly events: UnitEvents & { died(error: ErrorData): void };
  settled: boolean;
  /** Start it again on a live node (its node died); set for a unit that may restart. */
  readonly restart?: (died?: ErrorData) => Promise<void>;
  restarting: boolean;
}

/**
 * Connect to NATS, find the live node agents, and return a backend that runs the components
 * placed on `nats` on them.
 *
 * Each unit (a component, a group, a replica) runs on one node agent (`plexus node`) in a
 * child process, from an esbuild bundle shipped once through JetStream's object store. Place
 * it with `options.node` (a node's name) or `options.labels` (all must match); replicas go
 * round the matching nodes. Links between hosts are NATS subjects speaking the same credit
 * protocol as every other link; links within one node stay Unix sockets, and a link to one of
 * this host's worker or process units is a socket to here, relayed to its subjects. A node that stops
 * heartbeating for `deadAfterMs` fails the graph, naming the node, host and components; its
 * units die with it, and a node kills the units of a coordinator that is gone.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { natsBackend } from '@plexus/nats';
 * import { Count, Read } from './components.ts';
 *
 * const nats = await natsBackend({ nats: { servers: 'nats://127.0.0.1:4222' } });
 * const g = graph();
 * g.pipeline(g.add('read', Read), g.add('count', Count, { backend: 'nats', options: { labels: ['gpu'] } }));
 * await g.run({ backends: [nats] });
 * await nats.close();
 * ```
 */
export async function natsBackend(options: NatsBackendOptions): Promise<NatsBackend> {
  const heartbeatMs = options.heartbeatMs ?? 500;
  const deadAfterMs = options.deadAfterMs ?? 3000;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const nc = await connectNats(options.nats, 'plexus-coordinator');
  const run = randomBytes(6).toString('hex');
  const version = natsVersion();
  const seen = new Map<string, { info: NodeInfo; at: number }>();
  const watched = new Map<number, Watched>();
  const hear = (data: Uint8Array) => {
    const info = decodeInfo(data);
    if (info === undefined) return;
    seen.set(info.name, { info, at: Date.now() });
  };
  nc.subscribe(NODE_HEARTBEATS, { callback: (_e, msg) => hear(msg.data) });
  for (const info of await pingNodes(nc, options.discoverMs ?? 300))
    seen.set(info.name, { info, at: Date.now() });

  const live = () =>
    [...seen.values()].filter((n) => Date.now() - n.at <= deadAfterMs).map((n) => n.info);
  const placements = new NodePlacements(live);
  let links = 0;
  let units = 0;
  /** Links this coordinator relays (to its worker and process units). */
  const relays = new CoordinatorRelays(nc);
  const streams = durableStreams(nc);
  const bundles = bundleUploader(nc);

  /** Units this coordinator wants running: each heartbeat names them, and nodes kill the rest. */
  const wanted = new Set<number>();
  const beat = () => nc.publish(runAlive(run), encoder.encode(JSON.stringify([...wanted])));
  const timer = setInterval(() => {
    beat();
    for (const unit of watched.values()) {
      const last = seen.get(unit.node.name)?.at ?? 0;
      if (unit.settled || unit.restarting || Date.now() - last <= deadAfterMs) continue;
      if (unit.restart !== undefined) {
        unit.restarting = true;
        void unit.restart();
        continue;
      }
      unit.settled = true;
      unit.events.died(
        toData(NatsErrors.nodeLost(unit.node.name, unit.node.host, unit.names, deadAfterMs)),
      );
    }
  }, heartbeatMs);
  beat();

  const start = async (
    plan: UnitPlan,
    events: UnitEvents & Partial<UnitRequests> & { died(error: ErrorData): void },
  ): Promise<UnitHandle> => {
    checkPlacement(plan.components, 'nats');
    const placement = plan.options as NatsPlacementOptions;
    const node = placements.assign(plan.unit, placement);
    let bundle: Bundle;
    try {
      bundle = await bundleUnit(
        plan.components.map((c) => c.module),
        placement.external,
      );
      await bundles.upload(bundle);
    } catch (error) {
      placements.release(plan.unit);
      relays.end(plan.unit);
      throw error;
    }
    const id = units++;
    // Wanted before the start request goes: a heartbeat never disowns a unit being started.
    wanted.add(id);
    const names = plan.components.map((c) => `'${c.name}' (${c.type})`).join(', ');
    const launch = async (on: NodeInfo): Promise<StartReply> => {
      const request: StartRequest = {
        run,
        unit: id,
        plan,
        bundle: bundle.hash,
        version,
        incarnation: reports.incarnation,
      };
      const msg = await nc.request(nodeStart(on.name), serialize(request), {
        timeout: startTimeoutMs,
      });
      return deserialize(msg.data) as StartReply;
    };
    let restarts = 0;
    const budget = unitRestarts(plan);
    /**
     * The unit starts again on a live node that matches (durable links resume): after its
     * node died (not that node), or after its process died (`died`, any node).
     */
    const restart = async (died?: ErrorData) => {
      const dead = unit.node;
      const error = died ?? toData(NatsErrors.nodeLost(dead.name, dead.host, names, deadAfterMs));
      if (died === undefined) seen.delete(dead.name);
      placements.release(plan.unit);
      try {
        if (budget?.allow() !== true) throw new Error('its supervisors allow no more restarts');
        const on = placements.assign(plan.unit, placement);
        reports.renew();
        const again = await launch(on);
        if (again.error !== undefined) throw fromErrorData(again.error);
        unit.node = on;
        unit.restarting = false;
        restarts++;
        for (const c of plan.components)
          events.restarted?.(
            { name: c.name, type: c.type, backend: 'nats', state: 'running', where: again.where },
            error,
            restarts,
          );
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
      ...(budget === undefined ? {} : { restart }),
    };
    const reports = reportReceiver(nc, run, id, (report) => {
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
      if (report[1] === 'finished') unit.settled = true;
      (events[report[1]] as (...args: unknown[]) => void)(...report[2]);
    });
    // Links its components make while running: the core makes the other end, where it runs.
    const linkRequests: Subscription = nc.subscribe(unitLinks(run, id), {
      callback: (_e, msg) => {
        const answer = (reply: LinkReply) => msg.respond(serialize(reply));
        const link = events.link;
        if (link === undefined) {
          answer({ error: toData(NatsErrors.noDynamicLinks(plan.unit)) });
          return;
        }
        link
          .call(events, deserialize(msg.data) as LinkRequest)
          .then(answer, (error: unknown) => answer({ error: toData(error) }));
      },
    });
    /** It did not start: forget it. */
    const abandon = () => {
      reports.close();
      linkRequests.unsubscribe();
      wanted.delete(id);
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
        seen.delete(node.name);
        throw NatsErrors.nodeGone(node.name, node.host, plan.unit);
      }
      throw NatsErrors.startTimeout(node.name, plan.unit, startTimeoutMs);
    }
    if (reply.error !== undefined) {
      abandon();
      throw fromErrorData(reply.error);
    }
    watched.set(id, unit);
    const control = (request: ControlRequest) =>
      nc.publish(nodeControl(unit.node.name), serialize(request));
    return {
      where: reply.where,
      stop: (graceful) => control({ run, unit: id, op: 'stop', graceful }),
      tap: (link, tapOptions) => control({ run, unit: id, op: 'tap', link, options: tapOptions }),
      async attach(boundary) {
        const request: ControlRequest = { run, unit: id, op: 'attach', boundary };
        const msg = await nc.request(nodeControl(unit.node.name), serialize(request), {
          timeout: startTimeoutMs,
        });
        const { error } = deserialize(msg.data) as AttachReply;
        if (error !== undefined) throw fromErrorData(error);
      },
      async terminate() {
        unit.settled = true;
        watched.delete(id);
        // If the node does not answer (it is gone, or frozen), its next heartbeat disowns it.
        wanted.delete(id);
        placements.release(plan.unit);
        const request: ControlRequest = { run, unit: id, op: 'terminate' };
        await nc
          .request(nodeControl(unit.node.name), serialize(request), { timeout: deadAfterMs })
          .catch(() => {});
        reports.close();
        linkRequests.unsubscribe();
        relays.end(plan.unit);
        await streams.end(plan.unit);
      },
    };
  };

  return {
    name: 'nats',
    placementOptions: NATS_PLACEMENT_OPTIONS,
    crossProcess: {
      network: true,
      channel(
        send?: UnitRef,
        receive?: UnitRef,
        options?: { readonly durable?: boolean; readonly tagged?: boolean },
      ): readonly [SocketSpec, SocketSpec] {
        const link = links++;
        const base = linkBase(run, link);
        const durable = options?.durable === true;
        const subjects = natsSocket({ base, durable, tagged: options?.tagged === true });
        if (durable) streams.add(base, [send, receive]);
        // A worker or process unit runs on this host: this coordinator relays its link.
        const foreign = [send, receive].find((end) => end !== undefined && end.backend !== 'nats');
        if (foreign !== undefined) {
          const toNats = foreign === send;
          const remote = (toNats ? receive : send)!;
          const socket = relays.add(
            remote.unit,
            link,
            base,
            toNats,
            durable ? { tagged: options?.tagged === true } : undefined,
          );
          const local: SocketSpec = { socket, listen: false };
          const natsSide: SocketSpec = { socket: subjects, listen: toNats };
          return toNats ? [local, natsSide] : [natsSide, local];
        }
        const a = send && placements.assign(send.unit, send.options as NatsPlacementOptions);
        const b =
          receive && placements.assign(receive.unit, receive.options as NatsPlacementOptions);
        // A durable link crosses NATS even between two units of one node: its stream keeps it.
        const socket =
          a !== undefined && a === b && !durable ? `${NODE_SOCKET}${run}-${link}.sock` : subjects;
        return [
          { socket, listen: false },
          { socket, listen: true },
        ];
      },
      open(spec: SocketSpec) {
        const end = natsEnd(spec.socket);
        return end.durable
          ? durableEndpoint(nc, end.base, spec.listen, { tagged: end.tagged })
          : natsEndpoint(nc, end.base, spec.listen);
      },
    },
    start,
    nodes: live,
    get uploads() {
      return bundles.uploads();
    },
    async close() {
      clearInterval(timer);
      relays.close();
      await streams.end(undefined);
      await nc.drain().catch(() => {});
    },
  };
}

const encoder = new TextEncoder();

/**
 * An error of this coordinator's as data for the core: its sentence, code and facts, not its
 * stack (which would be the coordinator's own frames, not the unit's).
 */
function toData(error: unknown): ErrorData {
  const { stack: _stack, ...data } = toErrorData(error);
  return data;
}
