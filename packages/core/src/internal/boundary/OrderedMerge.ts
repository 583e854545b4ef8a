/**
 * The receiver's end of the links out of ordered replicas: it reads one port per replica and
 * releases messages into the inbox's link in the order their inputs were distributed. A
 * message tagged with the next number is released at once; later ones wait until every
 * earlier number is marked done. Credits go back to a replica only when its messages have
 * been released and taken, so replicas that run ahead stall instead of growing memory. Its
 * stats are one row per replica's link (MergeCounts.ts).
 */
import type { Endpoint } from '../../backend/Endpoint.ts';
import type { LinkInfo } from '../../types.ts';
import type { Link } from '../Link.ts';
import { yieldPoint } from '../scheduler.ts';
import {
  BROKEN,
  batchItems,
  CREDIT,
  type Downstream,
  END,
  listen,
  RESTARTED,
} from './linkProtocol.ts';
import { MergeCounts, type MergedPort } from './MergeCounts.ts';

/** Items on a tagged stream: a message for input `seq`, or input `seq` is done. */
type Tagged = readonly [seq: number, message: unknown] | readonly [seq: number];

/** A replica's link into the merge, and the endpoint it arrives at. */
export interface MergePort extends MergedPort {
  readonly endpoint: Endpoint;
}

export class OrderedMerge {
  readonly owner: { readonly name: string; linkBroken(): void };
  private link!: Link;
  private next = 0;
  private readonly held = new Map<number, { messages: unknown[]; origins: number[] }>();
  private readonly done = new Set<number>();
  /** Replica each released message came from, oldest first, for returning credits. */
  private origins: number[] = [];
  private taken_ = 0;
  private ended = 0;
  private readonly closed: boolean[];
  private readonly endpoints: readonly Endpoint[];
  private readonly counts: MergeCounts;

  constructor(
    ports: readonly MergePort[],
    sender: string,
    readonly name: string,
  ) {
    this.owner = { name: sender, linkBroken: () => this.broken() };
    this.endpoints = ports.map((port) => port.endpoint);
    this.closed = ports.map(() => false);
    this.counts = new MergeCounts(ports);
  }

  /** One row per replica's link, with the id and sender's name its sending end reports. */
  info(): LinkInfo[] {
    const uncredited = this.link.delivered - this.taken_;
    return this.counts.infos(this.link, this.origins, uncredited, this.closed);
  }

  feed(link: Link): void {
    this.link = link;
    this.endpoints.forEach((endpoint, i) => {
      // As PortReader does: the component starts on what arrived within this task.
      listen(endpoint, (data) => {
        this.receive(i, data as Downstream);
        yieldPoint();
      });
    });
  }

  private receive(origin: number, message: Downstream): void {
    if (message[0] === RESTARTED) return;
    if (message[0] === END) {
      this.closed[origin] = true;
      this.endpoints[origin]!.close();
      if (++this.ended === this.endpoints.length) this.drainAll();
      return;
    }
    for (const item of batchItems(message) as Tagged[]) {
      const seq = item[0];
      if (item.length === 1) {
        this.done.add(seq);
        this.advance();
        continue;
      }
      this.counts.arrive(origin);
      if (seq === this.next || seq < 0) this.release(item[1], origin);
      else {
        let held = this.held.get(seq);
        if (held === undefined) {
          held = { messages: [], origins: [] };
          this.held.set(seq, held);
        }
        held.messages.push(item[1]);
        held.origins.push(origin);
      }
    }
  }

  private advance(): void {
    while (this.done.delete(this.next)) {
      this.next++;
      const held = this.held.get(this.next);
      if (held === undefined) continue;
      this.held.delete(this.next);
      this.releaseAll(held);
    }
  }

  /** Every replica has ended: release whatever is still held, in number order. */
  private drainAll(): void {
    for (const seq of [...this.held.keys()].sort((a, b) => a - b)) {
      this.releaseAll(this.held.get(seq)!);
    }
    this.held.clear();
    this.link.close();
  }

  private releaseAll(held: { messages: unknown[]; origins: number[] }): void {
    for (let i = 0; i < held.messages.length; i++) this.release(held.messages[i], held.origins[i]!);
  }

  private release(message: unknown, origin: number): void {
    if (this.link.broken) {
      this.counts.drop(origin);
      this.link.push(message);
      return;
    }
    this.counts.release(origin);
    this.link.push(message);
    this.origins.push(origin);
    if (this.link.spaceWaiter === null) this.link.spaceWaiter = this.taken;
  }

  /** Messages were taken: give each replica back the credits for its own. */
  private readonly taken = (): void => {
    const link = this.link;
    const count = link.delivered - this.taken_;
    if (count > 0) {
      this.taken_ = link.delivered;
      const credits = new Array<number>(this.endpoints.length).fill(0);
      for (const origin of this.origins.splice(0, count)) {
        credits[origin]!++;
        this.counts.credited(origin);
      }
      credits.forEach((n, i) => {
        if (n > 0 && !this.closed[i]) this.endpoints[i]!.postMessage([CREDIT, n]);
      });
    }
    if (link.size > 0 && link.spaceWaiter === null) link.spaceWaiter = this.taken;
  };

  private broken(): void {
    this.endpoints.forEach((endpoint, i) => {
      if (this.closed[i]) return;
      this.closed[i] = true;
      endpoint.postMessage([BROKEN]);
      endpoint.close();
    });
  }
}
