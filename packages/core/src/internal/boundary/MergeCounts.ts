/**
 * The counters of an ordered merge, kept per replica, so stats show one row per replica's link
 * — as they do for replicas that are not ordered — instead of one row for the merged stream,
 * which shared its id with the first replica's link and counted what the others sent twice.
 */
import type { LinkInfo } from '../../types.ts';
import type { Link } from '../Link.ts';

/** One replica's link into the merge: its id and `component.box` at the sending end. */
export interface MergedPort {
  readonly id: number;
  readonly peer: string;
}

export class MergeCounts {
  /** Messages that reached the merge from each replica. */
  private readonly arrived: number[];
  /** …went into the inbox's link. */
  private readonly released: number[];
  /** …were taken by the component, and their credits returned (`credited`). */
  private readonly taken: number[];
  /** …were dropped because the inbox had ended. */
  private readonly dropped: number[];

  constructor(private readonly ports: readonly MergedPort[]) {
    const zeros = () => ports.map(() => 0);
    this.arrived = zeros();
    this.released = zeros();
    this.taken = zeros();
    this.dropped = zeros();
  }

  arrive(origin: number): void {
    this.arrived[origin]!++;
  }

  release(origin: number): void {
    this.released[origin]!++;
  }

  drop(origin: number): void {
    this.dropped[origin]!++;
  }

  credited(origin: number): void {
    this.taken[origin]!++;
  }

  /**
   * One row per replica. `pending` are the replicas of the messages released into `link` and
   * not yet credited, oldest first: the link has delivered the first of them, holds the next
   * `link.size`, and dropped the rest when the inbox ended. What arrived and waits for its turn
   * (or for room) is `held`, as a port reader's backlog is.
   */
  infos(link: Link, pending: readonly number[], uncredited: number, closed: readonly boolean[]) {
    const delivered = [...this.taken];
    const queued = this.ports.map(() => 0);
    const cleared = this.ports.map(() => 0);
    const taken = Math.max(0, Math.min(uncredited, pending.length));
    const waiting = Math.min(link.size, pending.length - taken);
    pending.forEach((origin, k) => {
      if (k < taken) delivered[origin]!++;
      else if (k < taken + waiting) queued[origin]!++;
      else cleared[origin]!++;
    });
    return this.ports.map((port, i): LinkInfo => {
      const held = this.arrived[i]! - this.released[i]! - this.dropped[i]!;
      const info: LinkInfo = {
        id: port.id,
        from: port.peer,
        to: link.to,
        capacity: link.capacity,
        sent: this.released[i]!,
        delivered: delivered[i]!,
        queued: queued[i]!,
        dropped: this.dropped[i]! + cleared[i]!,
        closed: closed[i]!,
      };
      return held > 0 ? { ...info, held } : info;
    });
  }
}
