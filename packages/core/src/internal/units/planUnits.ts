/**
 * Partition a graph's instances into units — the main event loop (inline) and one unit per
 * (backend, group) — and rewire every link that crosses between units: a MessageChannel per
 * link, whose ends go to the two units. An inline end becomes a PortSink (sending) or a
 * PortReader feeding the existing Link (receiving); a remote end goes into that unit's plan.
 * Links between two remote units never pass through the main thread.
 */
import type { Backend } from '../../backend/types.ts';
import { PortReader } from '../boundary/PortReader.ts';
import { PortSink } from '../boundary/PortSink.ts';
import type { ComponentRun } from '../ComponentRun.ts';
import { Link } from '../Link.ts';
import type { Network } from '../Network.ts';
import type { OutboxImpl } from '../OutboxImpl.ts';
import { RemoteUnit } from './RemoteUnit.ts';

/** Units of the run; the instances not in any of them run inline. */
export function planUnits(
  net: Network,
  leaves: readonly ComponentRun[],
  backends: ReadonlyMap<string, Backend>,
): RemoteUnit[] {
  const groups = new Map<string, ComponentRun[]>();
  for (const run of leaves) {
    if (run.backend === 'inline') continue;
    const key = `${run.backend} ${run.placement.group ?? run.name}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(run);
  }
  const units: RemoteUnit[] = [];
  for (const [key, runs] of groups) {
    const backend = backends.get(runs[0]!.backend)!;
    const label = `${backend.name} '${key.slice(key.indexOf(' ') + 1)}'`;
    units.push(new RemoteUnit(net, label, backend, runs));
  }
  for (const run of leaves) {
    for (const box in run.outboxes) {
      const outbox = run.outboxes[box]!;
      for (const sink of [...outbox.links]) if (sink instanceof Link) rewire(net, outbox, sink);
    }
  }
  return units;
}

function rewire(net: Network, outbox: OutboxImpl, link: Link): void {
  const sender = outbox.owner.unit;
  const receiver = link.target.owner.unit;
  if (sender === receiver) {
    sender?.links.push({
      id: link.id,
      from: [outbox.owner.name, outbox.name],
      to: [link.target.owner.name, link.target.name],
      capacity: link.capacity,
    });
    return;
  }
  const { port1, port2 } = new MessageChannel();
  if (sender === undefined) {
    outbox.links[outbox.links.indexOf(link)] = new PortSink(
      link.id,
      port1,
      link.capacity,
      outbox,
      link.to,
    );
  } else {
    sender.boundaries.push({
      id: link.id,
      side: 'send',
      component: outbox.owner.name,
      box: outbox.name,
      capacity: link.capacity,
      peer: link.to,
      endpoint: port1,
    });
  }
  if (receiver === undefined) {
    const reader = new PortReader(port2, outbox.owner.name, outbox.name);
    link.source = reader;
    reader.feed(link);
    net.readers.push(reader);
  } else {
    receiver.boundaries.push({
      id: link.id,
      side: 'receive',
      component: link.target.owner.name,
      box: link.target.name,
      capacity: link.capacity,
      peer: link.from,
      endpoint: port2,
    });
  }
}
