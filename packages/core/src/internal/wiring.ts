/**
 * Adding and removing links. A link between two leaf boxes is one physical Link; a link that
 * touches a composite's exported box becomes a LogicalLink, resolved to a physical link for
 * every leaf outbox behind its source and every leaf inbox behind its target. Links can be
 * added in any order: each new logical link creates exactly the leaf pairs it completes.
 */
import { Errors } from '../errors.ts';
import type { LinkHandle } from '../types.ts';
import { InboxImpl } from './InboxImpl.ts';
import { Link } from './Link.ts';
import { Junction, LogicalLink, label } from './LogicalLink.ts';
import type { Network } from './Network.ts';
import { OutboxImpl } from './OutboxImpl.ts';
import { runOf } from './runOf.ts';
import { capacityChosen } from './units/crossingCapacity.ts';

type Path = readonly LogicalLink[];
const MAX_DEPTH = 64;

/** Link `source` to `target`; returns the handle for unlinking. */
export function connect(
  net: Network,
  source: OutboxImpl | Junction,
  target: InboxImpl | Junction,
  capacity: number | undefined,
  idle = false,
  durable = false,
): LinkHandle {
  if (!(source instanceof Junction) && target instanceof InboxImpl) {
    const link = physicalLink(net, source, target, capacity ?? net.capacity, undefined, idle);
    link.durable = durable;
    if (durable) net.durableMade = true;
    if (capacity !== undefined) capacityChosen(link);
    return link;
  }
  if (target instanceof Junction && source instanceof Junction && reaches(target, source, 0))
    throw loop(source);
  const logical = new LogicalLink(source, target, capacity, idle, durable);
  const sources = leafSources(source, [logical], 0);
  const targets = leafTargets(target, [], 0);
  if (source instanceof Junction) source.outgoing.push(logical);
  if (target instanceof Junction) target.incoming.push(logical);
  net.logical.add(logical);
  for (const [from, before] of sources) {
    for (const [to, after] of targets) {
      const via = [...before, ...after];
      const given = smallest(via);
      const link = physicalLink(
        net,
        from,
        to,
        given ?? net.capacity,
        via,
        via.some((l) => l.idle),
      );
      link.durable = via.some((l) => l.durable);
      if (link.durable) net.durableMade = true;
      if (given !== undefined) capacityChosen(link);
    }
  }
  return logical;
}

/** Remove a link made by `connect`. Messages already in it are still delivered. */
export function disconnect(net: Network, handle: LinkHandle): void {
  if (handle instanceof Link) {
    removePhysical(net, handle);
    return;
  }
  if (!(handle instanceof LogicalLink)) {
    throw Errors.badLink(`unlink() takes a handle returned by link(); got ${String(handle)}.`);
  }
  for (const link of [...handle.physical]) removePhysical(net, link);
  if (handle.source instanceof Junction) remove(handle.source.outgoing, handle);
  if (handle.target instanceof Junction) remove(handle.target.incoming, handle);
  net.logical.delete(handle);
}

/** A physical link between two leaf boxes (with the given id, when a plan assigned one). */
export function attachLink(
  net: Network,
  from: OutboxImpl,
  to: InboxImpl,
  capacity: number,
  id?: number,
  idle = false,
): Link {
  return physicalLink(net, from, to, capacity, undefined, idle, id);
}

function physicalLink(
  net: Network,
  from: OutboxImpl,
  to: InboxImpl,
  capacity: number,
  via: Path | undefined,
  idle: boolean,
  id = net.nextLinkId(),
): Link {
  if (
    net.state === 'running' &&
    (runOf(from.owner).unit !== undefined || runOf(to.owner).unit !== undefined)
  ) {
    throw Errors.badLink(
      `Link ${from.owner.name}.${from.name} -> ${to.owner.name}.${to.name} touches a component running off the main thread, and such links must be made before run().`,
    );
  }
  const link = new Link(id, from, to, capacity);
  link.idle = idle;
  to.attach(link);
  from.addLink(link);
  if (via !== undefined) {
    link.via = via;
    for (const logical of via) logical.physical.push(link);
  }
  if (from.closed) link.close();
  net.linkAdded(link);
  return link;
}

function removePhysical(net: Network, link: Link): void {
  const outbox = link.source;
  if (!(outbox instanceof OutboxImpl) || !outbox.removeLink(link)) return;
  for (const logical of link.via ?? []) remove(logical.physical, link);
  link.close();
  net.linkRemoved(link);
}

function leafSources(
  port: OutboxImpl | Junction,
  after: Path,
  depth: number,
): [OutboxImpl, Path][] {
  if (!(port instanceof Junction)) return [[port, after]];
  if (depth > MAX_DEPTH) throw loop(port);
  return port.incoming.flatMap((l) => leafSources(l.source, [l, ...after], depth + 1));
}

function leafTargets(port: InboxImpl | Junction, before: Path, depth: number): [InboxImpl, Path][] {
  if (!(port instanceof Junction)) return [[port, before]];
  if (depth > MAX_DEPTH) throw loop(port);
  return port.outgoing.flatMap((l) => leafTargets(l.target, [...before, l], depth + 1));
}

/** Whether links through exported boxes lead from junction `from` to junction `to`. */
function reaches(from: Junction, to: Junction, depth: number): boolean {
  if (from === to) return true;
  if (depth > MAX_DEPTH) return true;
  return from.outgoing.some(
    (l) => l.target instanceof Junction && reaches(l.target, to, depth + 1),
  );
}

function smallest(via: Path): number | undefined {
  let min: number | undefined;
  for (const l of via)
    if (l.capacity !== undefined && (min === undefined || l.capacity < min)) min = l.capacity;
  return min;
}

function loop(port: Junction): Error {
  return Errors.badLink(
    `Links through exported box '${label(port)}' form a loop of exported boxes with no component in it; link a component into the loop.`,
  );
}

function remove<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}
