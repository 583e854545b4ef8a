/**
 * A physical link: a bounded FIFO from one outbox to one inbox, with its counters. The
 * outbox pushes while there is room; the inbox takes. Both sides wake the other through the
 * scheduler only when the other is actually waiting, so a busy link costs no promise per
 * message.
 *
 * The FIFO is a ring buffer inside the link rather than a deque library. A link that never
 * holds more than one message at a time (a token ring, a request and its reply) keeps it in a
 * field and has no ring at all: one object fewer to touch per hop. The ring is allocated when
 * a second message has to wait and grows only up to the link's capacity, so an idle link (most
 * links in a ring of a million components) costs one object, which keeps garbage collection
 * cheap.
 *
 * An idle-priority link is marked (`idle`) before it is attached to its inbox; the inbox does
 * the rest (see `InboxImpl`).
 */
import type { LinkInfo } from '../types.ts';
import type { BoxOwner } from './BoxOwner.ts';
import type { LinkSource, Sink } from './Sink.ts';
import { wake } from './scheduler.ts';

/** What a link needs of the inbox it feeds (an `InboxImpl`). */
export interface LinkTarget {
  readonly name: string;
  readonly owner: BoxOwner;
  /** A message was pushed into `link`. */
  arrived(link: Link): void;
  /** The sender closed the link. */
  feedClosed(link: Link): void;
  /** A feed is closed but holds messages: each take must see whether it has drained. */
  closedFeeds: boolean;
}

/** A logical link (through composites' exported boxes) a physical link stands for. */
export interface Via {
  readonly physical: Link[];
}

/**
 * The state of a link that few links need, made on first use: a link of a million-component
 * ring then carries one field for it instead of three (each field costs 8 bytes).
 */
class LinkMore {
  /** Messages dropped: queued when the receiver went, or pushed after. */
  dropped = 0;
  /** Messages that were queued when the receiver went (sent, never delivered). */
  cleared = 0;
  via: readonly Via[] | undefined = undefined;
}

const CLOSED = 1;
const BROKEN = 2;
const IDLE = 4;
const DURABLE = 8;

export class Link implements Sink {
  private ring: unknown[] | null = null;
  /** The one message held while no ring is needed (a link that never holds two). */
  private one: unknown = undefined;
  /**
   * Messages taken so far, less those put back (`requeue`); the next one to take is at
   * `head & (ring.length - 1)`. With `sent`, it counts the queue: one counter moves per push
   * and one per take.
   */
  private head = 0;
  /** Messages pushed so far; the next one goes at `sent & (ring.length - 1)`. */
  sent = 0;
  /** `closed`, `broken`, `idle` and `durable` as bits (each field costs 8 bytes a link). */
  private flags = 0;
  /** Resolve of the sender waiting for room, if any. */
  spaceWaiter: ((value: undefined) => void) | null = null;
  /** What few links need: messages dropped, and the logical links it stands for (see LinkMore). */
  private more: LinkMore | undefined = undefined;

  constructor(
    readonly id: number,
    /** The outbox feeding this link, or the reader of a port when the sender is elsewhere. */
    public source: LinkSource,
    readonly target: LinkTarget,
    readonly capacity: number,
  ) {}

  /** The sender is done with this link: no more messages will arrive. */
  get closed(): boolean {
    return (this.flags & CLOSED) !== 0;
  }

  set closed(on: boolean) {
    this.flags = on ? this.flags | CLOSED : this.flags & ~CLOSED;
  }

  /** The receiver is gone: messages pushed now are dropped. */
  get broken(): boolean {
    return (this.flags & BROKEN) !== 0;
  }

  /** Idle priority (`LinkOptions.priority`): its messages are taken when nothing else has work. */
  get idle(): boolean {
    return (this.flags & IDLE) !== 0;
  }

  set idle(on: boolean) {
    this.flags = on ? this.flags | IDLE : this.flags & ~IDLE;
  }

  /** Durable (`LinkOptions.durable`): it must cross a backend that stores its messages. */
  get durable(): boolean {
    return (this.flags & DURABLE) !== 0;
  }

  set durable(on: boolean) {
    this.flags = on ? this.flags | DURABLE : this.flags & ~DURABLE;
  }

  /** Messages pushed after the receiver went, or queued when it went (never delivered). */
  get dropped(): number {
    return this.more?.dropped ?? 0;
  }

  /** The logical links (through composites' exported boxes) this link stands for, if any. */
  get via(): readonly Via[] | undefined {
    return this.more?.via;
  }

  set via(via: readonly Via[] | undefined) {
    if (via !== undefined || this.more !== undefined) this.extra().via = via;
  }

  private extra(): LinkMore {
    this.more ??= new LinkMore();
    return this.more;
  }

  /** Messages waiting in the link. */
  get size(): number {
    return this.sent - this.head;
  }

  get from(): string {
    return `${this.source.owner.name}.${this.source.name}`;
  }

  get to(): string {
    return `${this.target.owner.name}.${this.target.name}`;
  }

  /** Messages the receiver has taken: counted from what was sent, not once per message. */
  get delivered(): number {
    return this.more === undefined ? this.head : this.head - this.more.cleared;
  }

  hasSpace(): boolean {
    return this.sent - this.head < this.capacity || this.broken;
  }

  push(message: unknown): void {
    const ring = this.ring;
    // A broken link has no ring (`break` drops it, and nothing makes one again): pushSlow drops.
    const sent = this.sent;
    if (ring !== null && sent - this.head < ring.length) {
      ring[sent & (ring.length - 1)] = message;
      this.sent = sent + 1;
      this.target.arrived(this);
      return;
    }
    this.pushSlow(message);
  }

  private pushSlow(message: unknown): void {
    if (this.broken) {
      this.dropOne();
      return;
    }
    if (this.ring === null && this.sent === this.head) this.one = message;
    else {
      const ring = this.grow();
      ring[this.sent & (ring.length - 1)] = message;
    }
    this.sent++;
    this.target.arrived(this);
  }

  /** A push after the receiver went: the message is dropped, and counted. */
  private dropOne(): void {
    this.extra().dropped++;
  }

  take(): unknown {
    const ring = this.ring;
    let message: unknown;
    if (ring !== null) {
      const at = this.head & (ring.length - 1);
      message = ring[at];
      ring[at] = undefined;
    } else {
      message = this.one;
      this.one = undefined;
    }
    this.head++;
    this.wakeSender();
    return message;
  }

  /** The message `i` places behind the next one (0: the next), left where it is. */
  peek(i: number): unknown {
    const ring = this.ring;
    return ring === null ? this.one : ring[(this.head + i) & (ring.length - 1)];
  }

  /**
   * Take the message `i` places behind the next one (selective receive), keeping the others in
   * order: those before it move up one place, so the ring stays contiguous.
   */
  takeAt(i: number): unknown {
    const ring = this.ring;
    if (i === 0 || ring === null) return this.take();
    const mask = ring.length - 1;
    const message = ring[(this.head + i) & mask];
    for (let j = i; j > 0; j--) ring[(this.head + j) & mask] = ring[(this.head + j - 1) & mask];
    ring[this.head & mask] = undefined;
    this.head++;
    this.wakeSender();
    return message;
  }

  /**
   * Put a message the receiver took back at the front (a supervised component crashed while
   * handling it and is to get it again): it is delivered next, and counted once.
   */
  requeue(message: unknown): void {
    let ring = this.ring;
    if (ring === null || this.size === ring.length) ring = this.grow();
    this.head--;
    ring[this.head & (ring.length - 1)] = message;
  }

  /** Double the ring (a power of two, at least 4), keeping order. */
  private grow(): unknown[] {
    const old = this.ring;
    const ring = new Array<unknown>(old === null ? 4 : old.length * 2).fill(undefined);
    const mask = ring.length - 1;
    const head = this.head;
    if (old === null) {
      if (this.size === 1) ring[head & mask] = this.one;
      this.one = undefined;
    } else
      for (let i = 0; i < this.size; i++)
        ring[(head + i) & mask] = old[(head + i) & (old.length - 1)];
    this.ring = ring;
    return ring;
  }

  /** Sender side: no more messages. The receiver still drains what is queued. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wakeSender();
    this.target.feedClosed(this);
  }

  /** Sender side, cut off: no more messages, and the inbox is not told the link has ended. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.wakeSender();
    // Still, once the inbox has drained what the link holds, it lets go of it.
    if (this.size > 0) this.target.closedFeeds = true;
  }

  /** Receiver side: the inbox has ended; drop what is queued and whatever comes later. */
  break(): void {
    if (this.broken) return;
    this.flags |= BROKEN;
    const more = this.extra();
    more.dropped += this.size;
    more.cleared += this.size;
    this.ring = null;
    this.one = undefined;
    this.head = this.sent;
    this.wakeSender();
    this.source.owner.linkBroken();
  }

  wakeSender(): void {
    const waiter = this.spaceWaiter;
    if (waiter !== null) {
      this.spaceWaiter = null;
      wake(waiter, undefined);
    }
  }

  info(): LinkInfo {
    return {
      id: this.id,
      from: this.from,
      to: this.to,
      capacity: this.capacity,
      sent: this.sent,
      delivered: this.delivered,
      queued: this.size,
      dropped: this.dropped,
      closed: this.closed,
    };
  }
}
