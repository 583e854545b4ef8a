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
}

/** A logical link (through composites' exported boxes) a physical link stands for. */
export interface Via {
  readonly physical: Link[];
}

export class Link implements Sink {
  /** Messages waiting in the link. */
  size = 0;
  private ring: unknown[] | null = null;
  /** The one message held while no ring is needed (a link that never holds two). */
  private one: unknown = undefined;
  private head = 0;
  sent = 0;
  /** Messages that were queued when the receiver went (sent, never delivered). */
  private cleared = 0;
  dropped = 0;
  /** The sender is done with this link: no more messages will arrive. */
  closed = false;
  /** The receiver is gone: messages pushed now are dropped. */
  broken = false;
  /** Idle priority (`LinkOptions.priority`): its messages are taken when nothing else has work. */
  idle = false;
  /** Durable (`LinkOptions.durable`): it must cross a backend that stores its messages. */
  durable = false;
  /** Resolve of the sender waiting for room, if any. */
  spaceWaiter: ((value: undefined) => void) | null = null;
  /** The logical links (through composites' exported boxes) this link stands for, if any. */
  via: readonly Via[] | undefined;

  constructor(
    readonly id: number,
    /** The outbox feeding this link, or the reader of a port when the sender is elsewhere. */
    public source: LinkSource,
    readonly target: LinkTarget,
    readonly capacity: number,
  ) {}

  get from(): string {
    return `${this.source.owner.name}.${this.source.name}`;
  }

  get to(): string {
    return `${this.target.owner.name}.${this.target.name}`;
  }

  /** Messages the receiver has taken: counted from what was sent, not once per message. */
  get delivered(): number {
    return this.sent - this.size - this.cleared;
  }

  hasSpace(): boolean {
    return this.size < this.capacity || this.broken;
  }

  push(message: unknown): void {
    const ring = this.ring;
    if (ring !== null && this.size < ring.length && !this.broken) {
      ring[(this.head + this.size) & (ring.length - 1)] = message;
      this.size++;
      this.sent++;
      this.target.arrived(this);
      return;
    }
    this.pushSlow(message);
  }

  private pushSlow(message: unknown): void {
    if (this.broken) {
      this.dropped++;
      return;
    }
    if (this.ring === null && this.size === 0) this.one = message;
    else {
      const ring = this.grow();
      ring[(this.head + this.size) & (ring.length - 1)] = message;
    }
    this.size++;
    this.sent++;
    this.target.arrived(this);
  }

  take(): unknown {
    const ring = this.ring;
    let message: unknown;
    if (ring !== null) {
      message = ring[this.head];
      ring[this.head] = undefined;
      this.head = (this.head + 1) & (ring.length - 1);
    } else {
      message = this.one;
      this.one = undefined;
    }
    this.size--;
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
    ring[this.head] = undefined;
    this.head = (this.head + 1) & mask;
    this.size--;
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
    this.head = (this.head - 1) & (ring.length - 1);
    ring[this.head] = message;
    this.size++;
  }

  /** Double the ring (a power of two, at least 4), keeping order. */
  private grow(): unknown[] {
    const old = this.ring;
    const ring = new Array<unknown>(old === null ? 4 : old.length * 2).fill(undefined);
    if (old === null) {
      if (this.size === 1) ring[0] = this.one;
      this.one = undefined;
    } else for (let i = 0; i < this.size; i++) ring[i] = old[(this.head + i) & (old.length - 1)];
    this.ring = ring;
    this.head = 0;
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
  }

  /** Receiver side: the inbox has ended; drop what is queued and whatever comes later. */
  break(): void {
    if (this.broken) return;
    this.broken = true;
    this.dropped += this.size;
    this.cleared += this.size;
    this.ring = null;
    this.one = undefined;
    this.head = 0;
    this.size = 0;
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
