/**
 * Build the local end of a boundary — the same on the main thread and in a unit: a PortSink,
 * a Distributor over several, or a Link fed by a PortReader or an OrderedMerge. Ordered
 * replicas get a Sequencer that tags what they send with the input they handle.
 */

import type { Endpoint } from '../../backend/Endpoint.ts';
import type { PlannedBoundary } from '../../backend/UnitPlan.ts';
import type { LinkInfo } from '../../types.ts';
import type { InboxImpl } from '../InboxImpl.ts';
import { Link } from '../Link.ts';
import type { OutboxImpl } from '../OutboxImpl.ts';
import type { Sink } from '../Sink.ts';
import { Distributor } from './Distributor.ts';
import { OrderedMerge } from './OrderedMerge.ts';
import { PortReader } from './PortReader.ts';
import { PortSink } from './PortSink.ts';
import { Sequencer } from './Sequencer.ts';

/** The component a boundary attaches to: its boxes, and the sequencer of an ordered replica. */
export interface BoundaryOwner {
  readonly inboxes: Readonly<Record<string, InboxImpl>>;
  readonly outboxes: Readonly<Record<string, OutboxImpl>>;
  sequencer: Sequencer | undefined;
}

/** Something whose counters stats should report after its inbox has forgotten it. */
export interface Reporter {
  /** Its link's counters; an ordered merge gives one row per replica's link. */
  info(): LinkInfo | LinkInfo[];
}

/** The sender's end: add it to the component's outbox. Its ports' endpoints must be open. */
export function attachSend(run: BoundaryOwner, boundary: PlannedBoundary): Sink {
  const outbox = run.outboxes[boundary.box]!;
  const sinks = boundary.ports.map(
    (port) =>
      new PortSink(port.id, port.endpoint as Endpoint, boundary.capacity, outbox, port.peer),
  );
  const sink: Sink =
    sinks.length === 1 && boundary.order !== 'number'
      ? sinks[0]!
      : new Distributor(boundary.id, sinks, boundary.order === 'number');
  if (boundary.order === 'tag') {
    run.sequencer ??= new Sequencer();
    const sequencer = run.sequencer;
    for (const part of sinks) {
      part.tagger = sequencer;
      sequencer.outputs.push(part);
    }
  }
  outbox.addLink(sink);
  return sink;
}

/** The receiver's end: a Link into the component's inbox, fed from the ports. */
export function attachReceive(run: BoundaryOwner, boundary: PlannedBoundary): Reporter {
  const inbox = run.inboxes[boundary.box]!;
  const peer = boundary.ports[0]!.peer;
  const dot = peer.lastIndexOf('.');
  const [sender, box] = [peer.slice(0, dot), peer.slice(dot + 1)];
  if (boundary.order === 'merge') {
    const merge = new OrderedMerge(
      boundary.ports.map((port) => ({ ...port, endpoint: port.endpoint as Endpoint })),
      sender.replace(/#\d+$/, ''),
      box,
    );
    const link = new Link(boundary.id, merge, inbox, boundary.capacity);
    link.idle = boundary.priority === 'idle';
    inbox.attach(link);
    merge.feed(link);
    return merge;
  }
  const port = boundary.ports[0]!;
  const reader = new PortReader(port.endpoint as Endpoint, sender, box);
  if (boundary.order === 'strip') {
    reader.numbered();
    run.sequencer ??= new Sequencer();
    run.sequencer.inputs.push(reader);
  }
  const link = new Link(port.id, reader, inbox, boundary.capacity);
  link.idle = boundary.priority === 'idle';
  inbox.attach(link);
  reader.feed(link);
  return reader;
}
