/**
 * The top scope of a unit running in a worker thread or child process. It is an ordinary scope
 * for what the unit holds; a link made while running from one of its components to a component
 * elsewhere in the graph (named as `'component.box'`) is made here at once on a
 * `DeferredEndpoint`, and the main thread is asked for the other end. Until every such link is
 * made, the unit's components that finish wait, so the links they had stay open: nothing the
 * new link depends on can end before it exists (the sieve's first filter linking its successor
 * to `report` keeps its own link to `report` open meanwhile). A link the main thread refuses
 * fails the component at the unit's end with the reason. Such a link is unlinked from here on
 * either side: its sending end closes, or its receiving end asks the sender to (`UNLINK`).
 */
import type { Endpoint } from '../../backend/Endpoint.ts';
import type { PlannedBoundary } from '../../backend/UnitPlan.ts';
import type { LinkRequest } from '../../backend/UnitRequests.ts';
import { Errors } from '../../errors.ts';
import type { InRef, LinkHandle, LinkOptions, OutRef, Placement } from '../../types.ts';
import { attachReceive, attachSend } from '../boundary/attachBoundary.ts';
import { DeferredEndpoint } from '../boundary/DeferredEndpoint.ts';
import type { PortReader } from '../boundary/PortReader.ts';
import { InboxImpl } from '../InboxImpl.ts';
import type { Network } from '../Network.ts';
import { OutboxImpl } from '../OutboxImpl.ts';
import { runOf } from '../runOf.ts';
import { ScopeImpl } from '../ScopeImpl.ts';

/** How the unit reaches the main thread for links to components elsewhere. */
export interface UnitLinks {
  /** Ask for the other end; resolves with this end's endpoint, rejects with why not. */
  request(request: LinkRequest): Promise<Endpoint>;
  /** Capacity of such a link that gives none. */
  readonly capacity: number;
}

export class UnitScope extends ScopeImpl {
  held: Promise<void> | undefined;
  private readonly asked = new Set<Promise<void>>();
  /** How to unlink each link made here to a component elsewhere, by its handle. */
  private readonly far = new WeakMap<LinkHandle, () => void>();

  constructor(
    net: Network,
    label: string,
    placement: Placement,
    private readonly links: UnitLinks | undefined,
  ) {
    super(net, '', label, undefined, placement);
  }

  override link(
    from: OutRef<unknown> | string,
    to: InRef<unknown> | string,
    options: LinkOptions = {},
  ): LinkHandle {
    const farFrom = this.elsewhere(from);
    const farTo = this.elsewhere(to);
    if (farFrom === undefined && farTo === undefined) return super.link(from, to, options);
    if (farFrom !== undefined && farTo !== undefined) {
      throw Errors.badLink(
        `Link ${farFrom} -> ${farTo}, made in ${this.label} while the graph runs, joins two components outside the unit; make it from the code that holds the graph, or from a component next to one of them.`,
      );
    }
    const side = farFrom === undefined ? 'send' : 'receive';
    const port = side === 'send' ? this.localEnd(from, 'out') : this.localEnd(to, 'in');
    const peer = (farFrom ?? farTo)!;
    const local = `${port.owner.name}.${port.name}`;
    if (this.links === undefined) {
      throw Errors.badLink(
        `Link ${side === 'send' ? `${local} -> ${peer}` : `${peer} -> ${local}`} is made while the graph runs in ${this.label}, whose backend cannot reach components outside the unit once it runs; place '${peer.slice(0, peer.lastIndexOf('.'))}' in the same unit (its group), or make the link before run().`,
      );
    }
    const capacity = options.capacity ?? this.links.capacity;
    if (!(Number.isInteger(capacity) && capacity > 0)) return super.link(from, to, options);
    const run = runOf(port.owner);
    const id = this.net.nextLinkId();
    const endpoint = new DeferredEndpoint();
    const priority = options.priority === 'idle' ? ({ priority: 'idle' } as const) : {};
    const boundary: PlannedBoundary = {
      id,
      side,
      component: run.name,
      box: port.name,
      capacity,
      ...priority,
      ports: [{ id, endpoint, peer }],
    };
    let handle: LinkHandle;
    if (side === 'send') {
      const sink = attachSend(run, boundary);
      const outbox = run.outboxes[port.name]!;
      if (outbox.closed) sink.close();
      handle = sink;
      this.far.set(handle, () => {
        if (outbox.removeLink(sink)) sink.close();
      });
    } else {
      const reader = attachReceive(run, boundary) as PortReader;
      this.net.readers.push(reader);
      handle = { id, from: peer, to: local };
      this.far.set(handle, () => reader.unlink());
    }
    const request: LinkRequest = { id, side, local, type: run.type, peer, capacity, ...priority };
    this.hold(
      this.links.request(request).then(
        (real) => endpoint.connect(real),
        (error: Error) => {
          endpoint.destroy();
          run.fault(error);
        },
      ),
    );
    return handle;
  }

  /**
   * Unlink `handle`. A link to a component elsewhere ends as any unlinked link does: no new
   * messages go into it, and what it holds is still delivered, whichever side unlinks it.
   */
  override unlink(handle: LinkHandle): void {
    const unlink = this.far.get(handle);
    if (unlink === undefined) super.unlink(handle);
    else {
      this.far.delete(handle);
      unlink();
    }
  }

  /** `'component.box'` naming a component that is not in this unit, else undefined. */
  private elsewhere(ref: OutRef<unknown> | InRef<unknown> | string): string | undefined {
    if (typeof ref !== 'string') return undefined;
    const dot = ref.lastIndexOf('.');
    if (dot <= 0 || dot === ref.length - 1) return undefined;
    const name = ref.slice(0, dot);
    return name === 'self' || this.children.has(name) ? undefined : ref;
  }

  private localEnd(ref: OutRef<unknown> | InRef<unknown> | string, end: 'in' | 'out') {
    const port = typeof ref === 'string' ? this.resolve(ref, end) : this.portOf(ref, end);
    if (!(port instanceof OutboxImpl) && !(port instanceof InboxImpl)) {
      throw Errors.badLink(
        `Link end '${String(ref)}' is a composite's exported box, and a link to a component outside ${this.label} made while the graph runs must start or end at a component's own box; name the component inside the composite.`,
      );
    }
    return port;
  }

  /** Keep finishing runs waiting until `made` has settled. */
  private hold(made: Promise<void>): void {
    const settled: Promise<void> = made.then(() => {
      this.asked.delete(settled);
      if (this.asked.size === 0) this.held = undefined;
    });
    this.asked.add(settled);
    this.held = Promise.all(this.asked).then(() => {});
  }
}
