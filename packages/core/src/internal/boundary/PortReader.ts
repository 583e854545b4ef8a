/**
 * The receiver's end of a link that crosses a thread or process boundary. It moves the batches
 * it receives into an ordinary Link in front of the inbox and gives the sender its credits
 * back as messages enter the inbox (once half the capacity has entered, or the inbox has been
 * drained), not when the component takes them, so the crossing's latency is hidden while the
 * component works. What arrives while the inbox is full waits here, in a backlog, until the
 * component makes room: the inbox never holds more than the link's capacity, and the sender
 * never has more than the capacity in transit (posted, or waiting in the backlog).
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
  endpointFailure,
  listen,
  RESTARTED,
  UNLINK,
} from './linkProtocol.ts';
import { SpinWait } from './SpinWait.ts';

const EMPTY: readonly unknown[] = Object.freeze([]);

export class PortReader {
  /** Stands in for the sending component, which lives elsewhere. */
  readonly owner: { readonly name: string; linkBroken(): void };
  /** Credits returned: messages that have entered the inbox, as far as the sender knows. */
  private reported = 0;
  private threshold = 1;
  private ended = false;
  /** The sender has ended: close the link once the backlog has moved into it. */
  private closing = false;
  /** This side unlinked it: the sender has been asked to end it. */
  private unlinked = false;
  private link!: Link;
  /** Ordered replica input: the numbers of the queued messages, oldest first. */
  private numbers: number[] | null = null;
  /** Arrived while the inbox was full, from `next` on (numbered input: `[number, message]`). */
  private backlog: readonly unknown[] = EMPTY;
  private next = 0;
  /** Waits briefly for the next batch when the inbox runs dry (pollable endpoints only). */
  private readonly spin: SpinWait | null;
  private readonly onMessage = (data: unknown): void => this.receive(data as Downstream);
  /**
   * A batch delivered by the event loop: take it in, then release the wake-ups it caused, so the
   * component starts on it in this task's microtasks. Left to the end of the event loop's turn,
   * it would wait while the loop decodes every other batch already queued at the port, and the
   * inbox would fill with no credit going back (traced: 0.8 ms from a batch reaching an empty
   * inbox to the component having taken it, against ~50 µs of work).
   */
  private readonly delivered = (data: unknown): void => {
    this.receive(data as Downstream);
    yieldPoint();
  };

  constructor(
    private readonly endpoint: Endpoint,
    /** The sending component's instance name, and its outbox. */
    sender: string,
    readonly name: string,
  ) {
    this.owner = { name: sender, linkBroken: () => this.broken() };
    this.spin = SpinWait.of(endpoint);
  }

  /** The link's counters, and how many messages wait here in the backlog (`held`), if any. */
  info(): LinkInfo {
    const info = this.link.info();
    const held = this.backlog.length - this.next;
    return held === 0 ? info : { ...info, held };
  }

  /** Messages arrive numbered ([number, message]): strip the numbers and keep them in order. */
  numbered(): this {
    this.numbers = [];
    return this;
  }

  /** The number of the message just taken (ordered replica input). */
  took(): number | undefined {
    return this.numbers?.shift();
  }

  /** Numbers of messages still queued, in the inbox or the backlog (ordered replica input). */
  queued(): readonly number[] {
    if (this.numbers === null) return EMPTY as number[];
    const waiting = this.backlog.slice(this.next).map((item) => (item as [number, unknown])[0]);
    return [...this.numbers, ...waiting];
  }

  /** Feed `link`, which must have this reader as its source. */
  feed(link: Link): void {
    this.link = link;
    this.threshold = Math.max(1, Math.floor(link.capacity / 2));
    listen(this.endpoint, this.delivered, (error) => this.undecodable(error));
  }

  private receive(message: Downstream): void {
    if (message[0] === RESTARTED) {
      // The sender is a new copy: what waits here came from the dead one, which had its credits.
      this.reported = this.link.sent + this.backlog.length - this.next;
      return;
    }
    if (message[0] === END) {
      this.closing = true;
      this.fill();
    } else {
      const items = batchItems(message);
      if (this.next === this.backlog.length) this.backlog = items;
      else this.backlog = [...this.backlog.slice(this.next), ...items];
      this.next = 0;
      this.fill();
      this.credit();
    }
  }

  /** Move waiting messages into the inbox while it has room; close it after the last, if ended. */
  private fill(): void {
    const link = this.link;
    const backlog = this.backlog;
    const numbers = this.numbers;
    let i = this.next;
    while (i < backlog.length && (link.size < link.capacity || link.broken)) {
      const item = backlog[i++];
      if (numbers === null) link.push(item);
      else {
        const numbered = item as [number, unknown];
        numbers.push(numbered[0]);
        link.push(numbered[1]);
      }
    }
    if (i < backlog.length) this.next = i;
    else {
      this.backlog = EMPTY;
      this.next = 0;
      if (this.closing) {
        this.ended = true;
        link.close();
        this.endpoint.close();
        return;
      }
    }
    if (link.size > 0 && link.spaceWaiter === null) link.spaceWaiter = this.taken;
  }

  private undecodable(error: unknown): void {
    const link = this.link;
    link.target.owner.failRun(endpointFailure(link.from, link.to, error));
  }

  /**
   * The component took messages: make room for the backlog, and return what credit is due. If
   * that left it nothing to take, wait a moment for the next batch before its thread sleeps.
   */
  private readonly taken = (): void => {
    if (this.ended) return;
    this.fill();
    this.credit();
    if (this.spin !== null && this.link.size === 0 && !this.closing)
      this.spin.until(this.onMessage);
  };

  /** Return credits for the messages that entered the inbox, in chunks, or all once drained. */
  private credit(): void {
    if (this.ended) return;
    const link = this.link;
    const freed = link.sent - this.reported;
    if (freed >= this.threshold || (freed > 0 && link.size === 0)) {
      this.reported += freed;
      this.endpoint.postMessage([CREDIT, freed]);
    }
  }

  /**
   * Unlinked from this side: the sender stops feeding the link and ends it; what it had sent
   * is still delivered first, as for an unlink on the sending side.
   */
  unlink(): void {
    if (this.ended || this.closing || this.unlinked) return;
    this.unlinked = true;
    this.endpoint.postMessage([UNLINK]);
  }

  private broken(): void {
    if (this.ended) return;
    this.ended = true;
    this.backlog = EMPTY;
    this.next = 0;
    this.endpoint.postMessage([BROKEN]);
    this.endpoint.close();
  }
}
