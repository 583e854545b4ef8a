/**
 * The child process a node agent starts for a unit: bundled (by the coordinator, with esbuild)
 * with the unit's component modules. It takes the plan from its node over the IPC channel,
 * connects to NATS with the node's settings (from the environment, which it then forgets), opens
 * every link end — NATS subjects to other hosts, Unix sockets within the node — hosts the unit
 * with the core runtime and reports its events to the node, which relays them to the
 * coordinator. If the node goes away, even by SIGKILL, the IPC channel closes and this exits.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { toErrorData } from '@plexus/core';
import {
  type Endpoint,
  type EndpointSpec,
  hostUnit,
  type LinkReply,
  type LinkRequest,
  type PlannedBoundary,
  type SocketSpec,
  type UnitController,
  type UnitEvents,
  type UnitPlan,
} from '@plexus/core/backend';
import { loadDefinitions, mapStacks, socketEndpoint } from '@plexus/host';
import { DurableUnit } from './internal/DurableUnit.ts';
import { durableEndpoint } from './internal/durableEndpoint.ts';
import { type NatsEndpoint, natsEndpoint } from './internal/natsEndpoint.ts';

/** A link's end that can say when the other end has what it sent. */
type Settling = Endpoint & Pick<NatsEndpoint, 'settled'>;

import { NATS_SPEC, natsEnd } from './internal/natsSpec.ts';
import type { ToNode, ToUnit } from './internal/unitMessages.ts';
import { connectNats, type NatsSettings, SETTINGS_ENV } from './natsSettings.ts';

/**
 * How long a unit whose components have finished waits for the other ends of its links over
 * core NATS to have everything it sent (its ends of stream among it) before it says so.
 */
const SETTLE_MS = 15_000;

// First, before the component modules of the bundle are evaluated: the bundle is this program.
// Stacks map through the bundle's source map (shipped with it) when first formatted.
if (process.argv[1] !== undefined) mapStacks(process.argv[1]);

/** Run the host; `modules` are the unit's component modules, by the path the plan names. */
export function runNatsHost(modules: Readonly<Record<string, Record<string, unknown>>>): void {
  process.on('disconnect', () => process.exit(0));
  // Signals to the node's process group are the node's to handle; it relays the stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  const settings = JSON.parse(process.env[SETTINGS_ENV] ?? '{"servers":[]}') as NatsSettings;
  delete process.env[SETTINGS_ENV];
  const send = (message: ToNode) => {
    try {
      process.send?.(message);
    } catch {
      // The node is gone; 'disconnect' ends this process.
    }
  };
  const events: Required<Omit<UnitEvents, 'renewed'>> = {
    started: (...args) => send(['event', 'started', args]),
    ended: (...args) => send(['event', 'ended', args]),
    failed: (...args) => send(['event', 'failed', args]),
    restarted: (...args) => send(['event', 'restarted', args]),
    progress: (...args) => send(['event', 'progress', args]),
    stats: (...args) => send(['event', 'stats', args]),
    tapped: (...args) => send(['event', 'tapped', args]),
    finished: () => void settle().then(() => send(['event', 'finished', []])),
  };
  /** This unit's ends over core NATS, and the component whose box each serves. */
  const ends: { end: Settling; component: string; type: string }[] = [];
  /**
   * Wait until the other ends of this unit's links have what it sent: a NATS server that dies
   * may have taken some of it, which the end publishes again, but only while this process
   * lives. One that never answers fails the component whose link it is.
   */
  const settle = () =>
    Promise.all(
      ends.map(({ end, component, type }) =>
        end.settled(SETTLE_MS).catch((error: unknown) => {
          const info = { name: component, type, backend: 'nats', state: 'failed' as const };
          events.failed(info, toErrorData(error));
        }),
      ),
    );
  let unit: UnitController | undefined;
  let nc: NatsConnection | undefined;
  let unitName = 'a unit';
  /** Which copy of the unit this is (0: the first; one more each time it starts again). */
  let incarnation = 0;
  const isNats = (spec: EndpointSpec) => (spec as SocketSpec).socket.startsWith(NATS_SPEC);
  /** Connected once a link end here crosses hosts (at the start, or when one is added). */
  const connect = async (specs: readonly EndpointSpec[]) => {
    if (nc === undefined && specs.some(isNats))
      nc = await connectNats(settings, `plexus-unit ${unitName}`);
  };
  /** The durable link ends of this unit, which tell each other what is safe to acknowledge. */
  const durables = new DurableUnit();
  const openSpec = (spec: EndpointSpec, boundary?: PlannedBoundary) => {
    const socket = spec as SocketSpec;
    if (!isNats(socket)) return socketEndpoint(socket);
    const { base, durable, tagged } = natsEnd(socket.socket);
    return opened(
      durable
        ? durableEndpoint(nc!, base, socket.listen, {
            unit: durables,
            tagged,
            ...(boundary === undefined ? {} : { capacity: boundary.capacity }),
          })
        : natsEndpoint(nc!, base, socket.listen, incarnation),
      boundary,
    );
  };
  const opened = (end: Settling, boundary: PlannedBoundary | undefined) => {
    const name = boundary?.component ?? unitName;
    const type = components.find((c) => c.name === name)?.type ?? '?';
    ends.push({ end, component: name, type });
    return end;
  };
  let components: UnitPlan['components'] = [];
  const open = (boundary: PlannedBoundary): PlannedBoundary => ({
    ...boundary,
    ports: boundary.ports.map((port) => ({
      ...port,
      endpoint: openSpec(port.endpoint, boundary),
    })),
  });
  const specsOf = (boundaries: readonly PlannedBoundary[]) =>
    boundaries.flatMap((b) => b.ports.map((p) => p.endpoint));
  let asked = 0;
  const answers = new Map<number, (reply: LinkReply) => void>();
  /** A link one of this unit's components made to a component elsewhere: the coordinator makes the other end. */
  const link = async (request: LinkRequest): Promise<LinkReply> => {
    const n = asked++;
    const reply = await new Promise<LinkReply>((resolve) => {
      answers.set(n, resolve);
      send(['link', n, request]);
    });
    if ('endpoint' in reply) await connect([reply.endpoint]);
    return reply;
  };
  const attach = async (n: number, boundary: PlannedBoundary) => {
    try {
      if (unit === undefined) throw new Error(`${unitName} has not started.`);
      await connect(specsOf([boundary]));
      // The unit opens the boundary's ends itself, with `openSpec`.
      unit.attach(boundary);
      send(['attached', n]);
    } catch (error) {
      send(['attached', n, toErrorData(error)]);
    }
  };
  process.on('message', (raw) => {
    const message = raw as ToUnit;
    switch (message[0]) {
      case 'start':
        incarnation = message[3] ?? 0;
        void start(message[1], message[2]);
        break;
      case 'stop':
        unit?.stop(message[1]);
        break;
      case 'tap':
        unit?.tap(message[1], message[2]);
        break;
      case 'linked':
        answers.get(message[1])?.(message[2]);
        answers.delete(message[1]);
        break;
      case 'attach':
        void attach(message[1], message[2]);
        break;
    }
  });

  async function start(plan: UnitPlan, where: string): Promise<void> {
    try {
      const definitions = await loadDefinitions(plan.components, plan.backend, async (module) => {
        const found = modules[module];
        if (found === undefined) throw new Error(`module ${module} was not bundled into this unit`);
        return found;
      });
      unitName = plan.unit;
      components = plan.components;
      await connect(specsOf(plan.boundaries));
      unit = hostUnit(
        { ...plan, boundaries: plan.boundaries.map(open) },
        definitions,
        events,
        where,
        { link, open: (spec) => openSpec(spec) },
      );
      send(['started']);
    } catch (error) {
      send(['started', toErrorData(error)]);
    }
  }
}
