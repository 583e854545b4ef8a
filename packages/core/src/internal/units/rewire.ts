/**
 * Rewiring one link of a run that is split into units, in named steps: a link inside one unit
 * is handed to that unit as it is ({@link keepInUnit}); a crossing link gets one channel per
 * pair of places ({@link openChannels}), then a sending end per sender ({@link planSends}) and
 * a receiving end per receiver ({@link planReceives}), each given to its unit or attached here,
 * where a socket end is opened on this thread ({@link openHere}).
 */
import type { Backend } from '../../backend/Backend.ts';
import type { EndpointSpec } from '../../backend/EndpointSpec.ts';
import type { PlannedBoundary } from '../../backend/UnitPlan.ts';
import { Errors } from '../../errors.ts';
import { attachReceive, attachSend } from '../boundary/attachBoundary.ts';
import type { ComponentRun } from '../ComponentRun.ts';
import type { InboxImpl } from '../InboxImpl.ts';
import type { Link } from '../Link.ts';
import type { Net } from '../Net.ts';
import type { OutboxImpl } from '../OutboxImpl.ts';
import { runOf } from '../runOf.ts';
import { crossingCapacity } from './crossingCapacity.ts';
import type { RemoteUnit } from './RemoteUnit.ts';

/** Where an instance (or one replica of it) runs, and its name there. */
export interface Place {
  readonly unit: RemoteUnit | undefined;
  readonly name: string;
}

/** One channel between a sender's place and a receiver's place. */
interface Channel {
  readonly id: number;
  readonly send: EndpointSpec;
  readonly receive: EndpointSpec;
  /** The backend that made it (a socket pair); none for a MessageChannel. */
  readonly cross: Backend['crossProcess'];
}

/** A crossing link, as the steps below see it. */
interface Crossing {
  readonly net: Net;
  readonly link: Link;
  readonly outbox: OutboxImpl;
  readonly inbox: InboxImpl;
  readonly fromRun: ComponentRun;
  readonly toRun: ComponentRun;
  readonly senders: Place[];
  readonly receivers: Place[];
  readonly capacity: number;
  /** Into ordered replicas: senders number what they send, receivers strip the numbers. */
  readonly orderedIn: boolean;
  /** Out of ordered replicas: they tag what they send, and one receiving end merges in order. */
  readonly orderedOut: boolean;
  /** A durable link out of a unit's component that reads one: it tags what it sends. */
  readonly tagged: boolean;
  /** `channels[i][j]`: from sender i to receiver j. */
  readonly channels: Channel[][];
}

/** Rewire `link`, from `outbox`, for the places `placesOf` gives each instance. */
export function rewire(
  net: Net,
  outbox: OutboxImpl,
  link: Link,
  placesOf: (run: ComponentRun) => Place[],
): void {
  const fromRun = runOf(outbox.owner);
  const toRun = runOf(link.target.owner);
  const inbox = toRun.inboxes[link.target.name]!;
  const senders = placesOf(fromRun);
  const receivers = placesOf(toRun);
  if (keepInUnit(outbox, inbox, link, senders, receivers)) return;
  if (link.durable && (senders.length > 1 || receivers.length > 1))
    throw Errors.durableReplicas(link.from, link.to);
  const tagged = link.durable && senders[0]!.unit !== undefined && readsDurable(fromRun);
  const crossing: Crossing = {
    net,
    link,
    outbox,
    inbox,
    fromRun,
    toRun,
    senders,
    receivers,
    // A capacity nobody chose widens to the crossing default (crossingCapacity.ts).
    capacity: crossingCapacity(net, link),
    orderedIn: receivers.length > 1 && toRun.placement.ordered === true,
    orderedOut: senders.length > 1 && fromRun.placement.ordered === true,
    tagged,
    channels: openChannels(net, link, senders, receivers, tagged),
  };
  // The link's first forms are replaced: detach it from an inline inbox and outbox.
  if (toRun.unit === undefined) inbox.detach(link);
  planSends(crossing);
  planReceives(crossing);
}

/** Both ends in one place: the link stays a link there (the unit's, or this thread's as it is). */
function keepInUnit(
  outbox: OutboxImpl,
  inbox: InboxImpl,
  link: Link,
  senders: Place[],
  receivers: Place[],
): boolean {
  if (senders.length !== 1 || receivers.length !== 1 || senders[0]!.unit !== receivers[0]!.unit)
    return false;
  if (link.durable)
    throw Errors.notDurable(
      link.from,
      link.to,
      `its two ends run in one place (${senders[0]!.unit?.label ?? 'the main thread'})`,
    );
  senders[0]!.unit?.links.push({
    id: link.id,
    from: [outbox.owner.name, outbox.name],
    to: [inbox.owner.name, inbox.name],
    capacity: link.capacity,
    ...(link.idle ? { priority: 'idle' as const } : {}),
  });
  return true;
}

/**
 * One channel per (sender, receiver) pair: a MessageChannel within this process, else a pair
 * of ends from a backend that crosses processes (one that reaches other hosts wins). The first
 * keeps the link's id.
 */
function openChannels(
  net: Net,
  link: Link,
  senders: Place[],
  receivers: Place[],
  tagged: boolean,
): Channel[][] {
  let first = true;
  return senders.map((sender) =>
    receivers.map((receiver) => {
      const id = first ? link.id : net.nextLinkId();
      first = false;
      const ends = [sender.unit?.backend.crossProcess, receiver.unit?.backend.crossProcess];
      const cross = ends.find((end) => end?.network === true) ?? ends[0] ?? ends[1];
      if (link.durable && cross?.network !== true)
        throw Errors.notDurable(
          link.from,
          link.to,
          `it crosses ${cross === undefined ? 'threads of this process' : 'between processes of this host'}`,
        );
      if (cross === undefined) {
        const { port1, port2 } = new MessageChannel();
        return { id, send: port1 as EndpointSpec, receive: port2 as EndpointSpec, cross };
      }
      const [send, receive] = cross.channel(
        sender.unit?.ref(),
        receiver.unit?.ref(),
        link.durable ? { durable: true, tagged } : undefined,
      );
      return { id, send: send as EndpointSpec, receive: receive as EndpointSpec, cross };
    }),
  );
}

/**
 * A durable link's receiving end numbers what it takes (the store's positions), so a receiver
 * that reads one tags what it sends on its own durable links with the input it handles: the
 * receiver of those drops what a restarted unit sends again for inputs it had handled.
 */
function readsDurable(run: ComponentRun): boolean {
  return Object.values(run.inboxes).some((inbox) => inbox.feeds.some((link) => link.durable));
}

/** A sending end per sender, to every receiver: given to the sender's unit, or attached here. */
function planSends(c: Crossing): void {
  const order = c.orderedIn ? 'number' : c.orderedOut || c.tagged ? 'tag' : undefined;
  c.senders.forEach((sender, i) => {
    const boundary: PlannedBoundary = {
      id: c.link.id,
      side: 'send',
      component: sender.name,
      box: c.outbox.name,
      capacity: c.capacity,
      ports: c.receivers.map((receiver, j) => ({
        id: c.channels[i]![j]!.id,
        endpoint: c.channels[i]![j]!.send,
        peer: `${receiver.name}.${c.inbox.name}`,
      })),
      ...(order === undefined ? {} : { order }),
    };
    if (sender.unit !== undefined) sender.unit.boundaries.push(boundary);
    else {
      c.outbox.removeLink(c.link);
      attachSend(c.fromRun, openHere(c, boundary));
    }
  });
}

/**
 * The receiving ends of each receiver: one per sender, or, out of ordered replicas, one that
 * merges them all in order. Given to the receiver's unit, or attached here.
 */
function planReceives(c: Crossing): void {
  c.receivers.forEach((receiver, j) => {
    const port = (sender: Place, i: number) => ({
      id: c.channels[i]![j]!.id,
      endpoint: c.channels[i]![j]!.receive,
      peer: `${sender.name}.${c.outbox.name}`,
    });
    const end = {
      side: 'receive',
      component: receiver.name,
      box: c.inbox.name,
      ...(c.link.idle ? { priority: 'idle' as const } : {}),
    } as const;
    const boundaries: PlannedBoundary[] = c.orderedOut
      ? [
          {
            id: c.link.id,
            ...end,
            capacity: c.capacity,
            ports: c.senders.map(port),
            order: 'merge',
          },
        ]
      : c.senders.map((sender, i) => ({
          id: c.channels[i]![j]!.id,
          ...end,
          capacity: c.capacity,
          ports: [port(sender, i)],
          ...(c.orderedIn || c.link.durable ? { order: 'strip' as const } : {}),
          ...(c.link.durable ? { durable: true as const } : {}),
        }));
    for (const boundary of boundaries) {
      if (receiver.unit !== undefined) receiver.unit.boundaries.push(boundary);
      else c.net.readers.push(attachReceive(c.toRun, openHere(c, boundary)));
    }
  });
}

/** An end that stays on this thread: open its socket ends here (closed when the run is over). */
function openHere(c: Crossing, boundary: PlannedBoundary): PlannedBoundary {
  return {
    ...boundary,
    ports: boundary.ports.map((port) => {
      const spec = port.endpoint;
      if (!('socket' in spec)) return port;
      const channel = c.channels.flat().find((ch) => ch.send === spec || ch.receive === spec)!;
      const endpoint = channel.cross!.open(spec);
      c.net.endpoints.push(endpoint);
      return { ...port, endpoint };
    }),
  };
}
