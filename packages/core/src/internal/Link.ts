/**
 * A physical link: a bounded FIFO from one outbox to one inbox, with its counters. The
 * outbox pushes while there is room; the inbox takes. Both sides wake the other through the
 * scheduler only when the other is actually waiting, so a busy link costs no promise per
 * message.
 */
import Denque from 'denque';
import type { LinkHandle, LinkInfo } from '../types.ts';
import type { InboxImpl } from './InboxImpl.ts';
import type { LogicalLink } from './LogicalLink.ts';
import type { OutboxImpl } from './OutboxImpl.ts';
import { wake } from './scheduler.ts';

/** Capacity of a link when none is given. */
export const DEFAULT_CAPACITY = 64;

let nextId = 1;

export class Link implements LinkHandle {
  readonly id = nextId++;
  readonly queue = new Denque<unknown>();
  sent = 0;
  delivered = 0;
  dropped = 0;
  /** The sender is done with this link: no more messages will arrive. */
  closed = false;
  /** The receiver is gone: messages pushed now are dropped. */
  broken = false;
  /** Resolve of the sender waiting for room, if any. */
  spaceWaiter: ((value: undefined) => void) | null = null;
  /** The logical links (through composites' exported boxes) this link stands for, if any. */
  via: readonly LogicalLink[] | undefined;

  constructor(
    readonly source: OutboxImpl,
    readonly target: InboxImpl,
    readonly capacity: number,
  ) {}

  get from(): string {
    return `${this.source.owner.name}.${this.source.name}`;
  }

  get to(): string {
    return `${this.target.owner.name}.${this.target.name}`;
  }

  hasSpace(): boolean {
    return this.queue.length < this.capacity || this.broken;
  }

  push(message: unknown): void {
    if (this.broken) {
      this.dropped++;
      return;
    }
    this.queue.push(message);
    this.sent++;
    this.target.arrived();
  }

  take(): unknown {
    const message = this.queue.shift();
    this.delivered++;
    this.wakeSender();
    return message;
  }

  /** Sender side: no more messages. The receiver still drains what is queued. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wakeSender();
    this.target.feedClosed(this);
  }

  /** Receiver side: the inbox has ended; drop what is queued and whatever comes later. */
  break(): void {
    if (this.broken) return;
    this.broken = true;
    this.dropped += this.queue.length;
    this.queue.clear();
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
      queued: this.queue.length,
      dropped: this.dropped,
      closed: this.closed,
    };
  }
}
