/**
 * The coordinator's side of the NATS backend: it places units on node agents, ships their
 * code, wires their links and watches their nodes. A graph whose components are placed on
 * `nats` runs with it given to `run()`.
 */
import { randomBytes } from 'node:crypto';
import type { Backend, SocketSpec, UnitRef } from '@plexus/core/backend';
import { NatsErrors } from './errors.ts';
import { asErrorData } from './internal/asErrorData.ts';
import { CoordinatorRelays } from './internal/coordinatorRelays.ts';
import { durableEndpoint } from './internal/durableEndpoint.ts';
import { durableStreams } from './internal/durableStreams.ts';
import { natsEndpoint } from './internal/natsEndpoint.ts';
import { natsEnd, natsSocket } from './internal/natsSpec.ts';
import { NodePlacements } from './internal/nodePlacements.ts';
import { pingNodes } from './internal/pingNodes.ts';
import { stallCheck } from './internal/stallCheck.ts';
import { linkBase, NODE_HEARTBEATS, runAlive } from './internal/subjects.ts';
import { unitStarter, type Watched } from './internal/unitStarter.ts';
import { bundleUploader } from './internal/uploadBundle.ts';
import { NODE_SOCKET } from './internal/wire.ts';
import { type LocalNodeOptions, localNode } from './localNode.ts';
import { connectNats, type NatsSettings } from './natsSettings.ts';
import { natsVersion } from './natsVersion.ts';
import { decodeInfo, type NodeInfo } from './nodeInfo.ts';
import { NATS_PLACEMENT_OPTIONS, type NatsPlacementOptions } from './unitIsolation.ts';

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
  /**
   * Make this host a node too, for as long as the backend is open: a node agent in this
   * process, named after the host unless given a name (a node of that name already up is
   * used instead). Default: none.
   */
  readonly localNode?: LocalNodeOptions;
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
  const [local, found] = await Promise.all([
    options.localNode === undefined ? undefined : localNode(options.nats, options.localNode),
    pingNodes(nc, options.discoverMs ?? 300),
  ]).catch(async (error: unknown) => {
    await nc.close();
    throw error;
  });
  for (const info of [...found, ...(local === undefined ? [] : [local.info()])])
    seen.set(info.name, { info, at: Date.now() });

  const live = () =>
    [...seen.values()].filter((n) => Date.now() - n.at <= deadAfterMs).map((n) => n.info);
  const placements = new NodePlacements(live);
  let links = 0;
  /** Links this coordinator relays (to its worker and process units). */
  const relays = new CoordinatorRelays(nc);
  const streams = durableStreams(nc);
  const bundles = bundleUploader(nc);

  /** Units this coordinator wants running: each heartbeat names them, and nodes kill the rest. */
  const wanted = new Map<number, string>();
  const beat = () =>
    nc.publish(runAlive(run), encoder.encode(JSON.stringify(Object.fromEntries(wanted))));
  const stalledSinceLastTick = stallCheck(heartbeatMs);
  const timer = setInterval(() => {
    beat();
    const now = Date.now();
    if (stalledSinceLastTick()) {
      // This coordinator was held up (a long synchronous task, a starved process): the
      // heartbeats that came meanwhile are still to be read. Judge nodes from now on.
      for (const node of seen.values()) node.at = Math.max(node.at, now);
      return;
    }
    for (const unit of watched.values()) {
      const last = seen.get(unit.node.name)?.at ?? 0;
      if (unit.settled || unit.restarting || Date.now() - last <= deadAfterMs) continue;
      if (unit.restart !== undefined) {
        unit.restarting = true;
        void unit.restart();
        continue;
      }
      unit.settled = true;
      const lost = unit.pinned ? NatsErrors.nodeLostPinned : NatsErrors.nodeLost;
      unit.events.died(asErrorData(lost(unit.node.name, unit.node.host, unit.names, deadAfterMs)));
    }
  }, heartbeatMs);
  beat();

  const start = unitStarter({
    nc,
    run,
    version,
    deadAfterMs,
    startTimeoutMs,
    placements,
    relays,
    streams,
    bundles,
    wanted,
    watched,
    forget: (name) => seen.delete(name),
  });

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
      await local?.stop();
    },
  };
}

const encoder = new TextEncoder();
