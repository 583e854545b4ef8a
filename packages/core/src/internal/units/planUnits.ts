/**
 * Partition a graph's instances into units — the main event loop (inline), one unit per
 * (backend, group), and one per replica of a replicated component — and rewire every link
 * that crosses units: one channel per pair of places, whose ends go to the two units — a
 * MessageChannel within this process, a Unix socket (from the backend) across processes.
 * Links between two remote units never pass through the main thread.
 */
import type { Backend, EndpointSpec, PlannedBoundary } from '../../backend/types.ts';
import { Errors } from '../../errors.ts';
import { attachReceive, attachSend } from '../boundary/attachBoundary.ts';
import { ComponentRun } from '../ComponentRun.ts';
import { Link } from '../Link.ts';
import type { Net } from '../Net.ts';
import type { OutboxImpl } from '../OutboxImpl.ts';
import { runOf } from '../runOf.ts';
import { crossingCapacity } from './crossingCapacity.ts';
import { RemoteUnit, type ReplicaSet, unitOf } from './RemoteUnit.ts';

/** Where an instance (or one replica of it) runs, and its name there. */
interface Place {
  readonly unit: RemoteUnit | undefined;
  readonly name: string;
}

/** Units of the run; the instances not in any of them run inline. */
export function planUnits(
  net: Net,
  leaves: readonly ComponentRun[],
  backends: ReadonlyMap<string, Backend>,
): RemoteUnit[] {
  const groups = new Map<string, ComponentRun[]>();
  const units: RemoteUnit[] = [];
  const places = new Map<ComponentRun, Place[]>();
  for (const run of leaves) {
    if (run.backend === 'inline') continue;
    const backend = backends.get(run.backend)!;
    const replicas = run.placement.replicas ?? 1;
    if (replicas > 1) {
      const set: ReplicaSet = { run, total: replicas, settled: 0 };
      const replicaUnits = Array.from({ length: replicas }, (_, i) => {
        const name = `${run.name}#${i + 1}`;
        return new RemoteUnit(net, `${backend.name} '${name}'`, backend, [run], { set, name });
      });
      units.push(...replicaUnits);
      places.set(
        run,
        replicaUnits.map((unit) => ({ unit, name: unit.replica!.name })),
      );
      continue;
    }
    const key = `${run.backend} ${run.placement.group ?? run.name}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [run]);
    else group.push(run);
  }
  for (const [key, runs] of groups) {
    const backend = backends.get(runs[0]!.backend)!;
    units.push(
      new RemoteUnit(net, `${backend.name} '${key.slice(key.indexOf(' ') + 1)}'`, backend, runs),
    );
  }
  const placesOf = (run: ComponentRun): Place[] =>
    places.get(run) ?? [{ unit: unitOf(run), name: run.name }];
  for (const run of leaves) checkOrdered(run);
  for (const run of leaves) {
    for (const box in run.outboxes) {
      const outbox = run.outboxes[box]!;
      for (const sink of [...outbox.links])
        if (sink instanceof Link) rewire(net, outbox, sink, placesOf);
    }
  }
  return units;
}

function rewire(
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
  if (senders.length === 1 && receivers.length === 1 && senders[0]!.unit === receivers[0]!.unit) {
    senders[0]!.unit?.links.push({
      id: link.id,
      from: [outbox.owner.name, outbox.name],
      to: [inbox.owner.name, inbox.name],
      capacity: link.capacity,
    });
    return;
  }
  // Crossing: a capacity nobody chose widens to the crossing default (crossingCapacity.ts).
  const capacity = crossingCapacity(net, link);
  const orderedIn = receivers.length > 1 && toRun.placement.ordered === true;
  const orderedOut = senders.length > 1 && fromRun.placement.ordered === true;
  let first = true;
  const channels = senders.map((sender) =>
    receivers.map((receiver) => {
      const id = first ? link.id : net.nextLinkId();
      first = false;
      const ends = [sender.unit?.backend.crossProcess, receiver.unit?.backend.crossProcess];
      const cross = ends.find((end) => end?.network === true) ?? ends[0] ?? ends[1];
      if (cross === undefined) {
        const { port1, port2 } = new MessageChannel();
        return { id, send: port1 as EndpointSpec, receive: port2 as EndpointSpec, cross };
      }
      const [send, receive] = cross.channel(sender.unit?.ref(), receiver.unit?.ref());
      return { id, send: send as EndpointSpec, receive: receive as EndpointSpec, cross };
    }),
  );
  /** An end that stays on the main thread: open a socket end here. */
  const local = (boundary: PlannedBoundary): PlannedBoundary => ({
    ...boundary,
    ports: boundary.ports.map((port) => {
      const spec = port.endpoint;
      if (!('socket' in spec)) return port;
      const cross = channels.flat().find((c) => c.send === spec || c.receive === spec)!.cross!;
      const endpoint = cross.open(spec);
      net.endpoints.push(endpoint);
      return { ...port, endpoint };
    }),
  });
  // The link's first forms are replaced: detach it from an inline inbox and outbox.
  if (toRun.unit === undefined) inbox.detach(link);
  senders.forEach((sender, i) => {
    const boundary: PlannedBoundary = {
      id: link.id,
      side: 'send',
      component: sender.name,
      box: outbox.name,
      capacity,
      ports: receivers.map((receiver, j) => ({
        id: channels[i]![j]!.id,
        endpoint: channels[i]![j]!.send,
        peer: `${receiver.name}.${inbox.name}`,
      })),
      ...(orderedIn ? { order: 'number' as const } : orderedOut ? { order: 'tag' as const } : {}),
    };
    if (sender.unit !== undefined) sender.unit.boundaries.push(boundary);
    else {
      outbox.removeLink(link);
      attachSend(fromRun, local(boundary));
    }
  });
  receivers.forEach((receiver, j) => {
    const boundaries: PlannedBoundary[] = orderedOut
      ? [
          {
            id: link.id,
            side: 'receive',
            component: receiver.name,
            box: inbox.name,
            capacity,
            ports: senders.map((sender, i) => ({
              id: channels[i]![j]!.id,
              endpoint: channels[i]![j]!.receive,
              peer: `${sender.name}.${outbox.name}`,
            })),
            order: 'merge',
          },
        ]
      : senders.map((sender, i) => ({
          id: channels[i]![j]!.id,
          side: 'receive',
          component: receiver.name,
          box: inbox.name,
          capacity,
          ports: [
            {
              id: channels[i]![j]!.id,
              endpoint: channels[i]![j]!.receive,
              peer: `${sender.name}.${outbox.name}`,
            },
          ],
          ...(orderedIn ? { order: 'strip' as const } : {}),
        }));
    for (const boundary of boundaries) {
      if (receiver.unit !== undefined) receiver.unit.boundaries.push(boundary);
      else net.readers.push(attachReceive(toRun, local(boundary)));
    }
  });
}

/** Ordered replicas restore the order of one stream: exactly one link in, from a component that is not replicated. */
function checkOrdered(run: ComponentRun): void {
  if ((run.placement.replicas ?? 1) < 2 || run.placement.ordered !== true) return;
  const feeds = Object.values(run.inboxes).flatMap((inbox) => inbox.feeds);
  const replicatedSender = feeds.find((link) => {
    const sender = link.source.owner;
    return sender instanceof ComponentRun && (sender.placement.replicas ?? 1) > 1;
  });
  if (feeds.length !== 1 || replicatedSender !== undefined) {
    throw Errors.badLink(
      `Component '${run.name}' (${run.type}) has ordered replicas, which restore the order of one stream: it needs exactly one link in, from a component that is not itself replicated (it has ${feeds.length}${replicatedSender === undefined ? '' : ', one from replicas'}). Merge its inputs in a component first, or drop 'ordered'.`,
    );
  }
}
