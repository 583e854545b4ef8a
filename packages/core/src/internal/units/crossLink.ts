/**
 * The main thread's side of a link a unit makes while it runs to a component outside it (a
 * `LinkRequest`): find where the peer runs, make a channel between the two places, attach the
 * peer's end — here, or in the peer's unit — and answer with the requester's end. The requester
 * has built its own end already and keeps its components' ends open until the answer comes, so
 * the new link exists before anything the requester had linked can end.
 */
import type { EndpointSpec } from '../../backend/EndpointSpec.ts';
import type { PlannedBoundary } from '../../backend/UnitPlan.ts';
import type { LinkReply, LinkRequest } from '../../backend/UnitRequests.ts';
import { Errors, toErrorData } from '../../errors.ts';
import { attachReceive, attachSend } from '../boundary/attachBoundary.ts';
import type { ComponentRun } from '../ComponentRun.ts';
import type { Net } from '../Net.ts';
import { didYouMean, listNames } from '../naming.ts';
import { missingBox } from '../PortRef.ts';
import { type RemoteUnit, unitOf } from './RemoteUnit.ts';

/** A refusal: the reason, and what to do instead. */
class Refusal extends Error {
  constructor(
    reason: string,
    readonly fix: string,
  ) {
    super(reason);
  }
}

/** Answer `request` from unit `from`. Never rejects: a refused link comes back as an error. */
export async function crossLink(
  net: Net,
  from: RemoteUnit,
  request: LinkRequest,
): Promise<LinkReply> {
  const [sender, receiver] =
    request.side === 'send' ? [request.local, request.peer] : [request.peer, request.local];
  const opened: EndpointSpec[] = [];
  try {
    return { endpoint: await make(net, from, request, opened) };
  } catch (error) {
    for (const end of opened) if (!('socket' in end)) end.close();
    const refusal =
      error instanceof Refusal
        ? error
        : new Refusal(
            (error as Error)?.message ?? String(error),
            'Link it before the other end can end, or from where both ends run.',
          );
    return {
      error: toErrorData(
        Errors.linkRefused(
          sender,
          receiver,
          `${from.label} ('${request.local.slice(0, request.local.lastIndexOf('.'))}', ${request.type})`,
          refusal.message,
          refusal.fix,
        ),
      ),
    };
  }
}

async function make(
  net: Net,
  from: RemoteUnit,
  request: LinkRequest,
  opened: EndpointSpec[],
): Promise<EndpointSpec> {
  if (net.state !== 'running')
    throw new Refusal('the graph has finished.', 'Make links while the graph runs.');
  const dot = request.peer.lastIndexOf('.');
  const name = request.peer.slice(0, dot);
  const box = request.peer.slice(dot + 1);
  const dir = request.side === 'send' ? 'in' : 'out';
  const leaves = net.leaves();
  const run = leaves.find((leaf) => leaf.name === name);
  const grown = run === undefined ? net.units.find((unit) => unit.grown.has(name)) : undefined;
  if (run === undefined && grown === undefined) {
    const names = leaves.map((leaf) => leaf.name);
    throw new Refusal(
      `the graph has no component named '${name}'${didYouMean(name, names)} (its components are: ${listNames(names)}).`,
      "Name the other end by its component's full instance name and box, as 'component.box'.",
    );
  }
  if (run !== undefined) {
    if ((dir === 'in' ? run.inboxes : run.outboxes)[box] === undefined)
      throw new Refusal(
        `${missingBox(dir, name, run.definition, box).message}`,
        'Name one of its boxes.',
      );
    if ((run.placement.replicas ?? 1) > 1)
      throw new Refusal(
        `'${name}' runs as ${run.placement.replicas} replicas, and links to replicas are planned before the graph runs.`,
        'Link the replicated component before run(), or link to a component next to it.',
      );
  }
  const peerUnit = run === undefined ? grown : unitOf(run);
  if (peerUnit === from)
    throw new Refusal(`'${name}' runs in the same unit.`, 'Link it inside the unit.');
  const [sendUnit, receiveUnit] = request.side === 'send' ? [from, peerUnit] : [peerUnit, from];
  const ends = [sendUnit?.backend.crossProcess, receiveUnit?.backend.crossProcess];
  const cross = ends.find((end) => end?.network === true) ?? ends[0] ?? ends[1];
  let send: EndpointSpec;
  let receive: EndpointSpec;
  if (cross === undefined) {
    const { port1, port2 } = new MessageChannel();
    [send, receive] = [port1, port2];
  } else [send, receive] = cross.channel(sendUnit?.ref(), receiveUnit?.ref());
  const [mine, theirs] = request.side === 'send' ? [send, receive] : [receive, send];
  opened.push(mine, theirs);
  const boundary: PlannedBoundary = {
    id: request.id,
    side: request.side === 'send' ? 'receive' : 'send',
    component: name,
    box,
    capacity: request.capacity,
    ...(request.priority === undefined ? {} : { priority: request.priority }),
    ports: [{ id: request.id, endpoint: theirs, peer: request.local }],
  };
  if (peerUnit !== undefined) {
    await peerUnit.attach(boundary);
    return mine;
  }
  attachHere(net, run!, boundary, theirs, cross?.open);
  return mine;
}

/** Attach the peer's end to a component on this thread. */
function attachHere(
  net: Net,
  run: ComponentRun,
  boundary: PlannedBoundary,
  spec: EndpointSpec,
  open:
    | ((
        spec: import('../../backend/EndpointSpec.ts').SocketSpec,
      ) => import('../../backend/Endpoint.ts').Endpoint)
    | undefined,
): void {
  if (boundary.side === 'receive') {
    const inbox = run.inboxes[boundary.box]!;
    if (inbox.ended) throw Errors.inboxEnded(run.name, run.type, inbox.name);
  }
  const endpoint = 'socket' in spec ? open!(spec) : spec;
  if ('socket' in spec) net.endpoints.push(endpoint);
  const local = { ...boundary, ports: [{ ...boundary.ports[0]!, endpoint }] };
  if (boundary.side === 'receive') net.readers.push(attachReceive(run, local));
  else {
    const sink = attachSend(run, local);
    if (run.outboxes[boundary.box]!.closed) sink.close();
  }
}
