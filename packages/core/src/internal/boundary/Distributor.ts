/**
 * The sender's end of a link into a replicated node: one PortSink per replica, and each
 * message goes to the replica with the most room (the least loaded). For ordered replicas,
 * messages are numbered as they are distributed, so the merge downstream can restore order.
 */
import type { LinkInfo } from '../../types.ts';
import type { Sink } from '../Sink.ts';
import { wake } from '../scheduler.ts';
import type { PortSink } from './PortSink.ts';

export class Distributor implements Sink {
  spaceWaiter: ((value: undefined) => void) | null = null;
  private seq = 0;

  constructor(
    readonly id: number,
    readonly parts: readonly PortSink[],
    /** Number the messages (for an ordered merge downstream). */
    private readonly numbered: boolean,
  ) {
    for (const part of parts) part.onCredit = this.credited;
  }

  get capacity(): number {
    return this.parts.reduce((sum, part) => sum + part.capacity, 0);
  }

  get from(): string {
    return this.parts[0]!.from;
  }

  get to(): string {
    return this.parts.map((part) => part.to).join(' | ');
  }

  get broken(): boolean {
    return this.parts.every((part) => part.broken);
  }

  hasSpace(): boolean {
    for (const part of this.parts) if (part.hasSpace()) return true;
    return false;
  }

  push(message: unknown): void {
    let best = this.parts[0]!;
    for (const part of this.parts) if (part.available > best.available) best = part;
    best.push(this.numbered ? [this.seq++, message] : message);
  }

  close(): void {
    for (const part of this.parts) part.close();
  }

  abort(): void {
    for (const part of this.parts) part.abort();
  }

  info(): LinkInfo {
    const parts = this.parts.map((part) => part.info());
    const sent = parts.reduce((sum, part) => sum + part.sent, 0);
    const delivered = parts.reduce((sum, part) => sum + part.delivered, 0);
    return {
      id: this.id,
      from: this.from,
      to: this.to,
      capacity: this.capacity,
      sent,
      delivered,
      queued: sent - delivered,
      dropped: parts.reduce((sum, part) => sum + part.dropped, 0),
      closed: parts.every((part) => part.closed),
    };
  }

  private readonly credited = (): void => {
    const waiter = this.spaceWaiter;
    if (waiter !== null && this.hasSpace()) {
      this.spaceWaiter = null;
      wake(waiter, undefined);
    }
  };
}
