/**
 * The receiver's end of a link that crosses a thread or process boundary. It feeds the
 * batches it receives into an ordinary Link in front of the inbox, and gives the sender its
 * credits back as the component takes messages: when half the capacity has been taken, or
 * when the link has been drained.
 */
import { Errors } from '../../errors.ts';
import type { LinkInfo } from '../../types.ts';
import type { Link } from '../Link.ts';
import { BROKEN, CREDIT, DATA, type Downstream, END, type Endpoint, listen } from './Endpoint.ts';

export class PortReader {
  /** Stands in for the sending component, which lives elsewhere. */
  readonly owner: { readonly name: string; linkBroken(): void };
  private reported = 0;
  private threshold = 1;
  private ended = false;
  private link!: Link;
  /** Ordered replica input: the numbers of the queued messages, oldest first. */
  private numbers: number[] | null = null;

  constructor(
    private readonly endpoint: Endpoint,
    /** The sending component's instance name, and its outbox. */
    sender: string,
    readonly name: string,
  ) {
    this.owner = { name: sender, linkBroken: () => this.broken() };
  }

  info(): LinkInfo {
    return this.link.info();
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

  /** Numbers of messages still queued (ordered replica input). */
  queued(): readonly number[] {
    return this.numbers ?? [];
  }

  /** Feed `link`, which must have this reader as its source. */
  feed(link: Link): void {
    this.link = link;
    this.threshold = Math.max(1, Math.floor(link.capacity / 2));
    listen(
      this.endpoint,
      (data) => this.receive(data as Downstream),
      (error) => this.undecodable(error),
    );
  }

  private receive(message: Downstream): void {
    const link = this.link;
    if (message[0] === DATA) {
      const numbers = this.numbers;
      if (numbers === null) for (const item of message[1]) link.push(item);
      else {
        for (const item of message[1] as [number, unknown][]) {
          numbers.push(item[0]);
          link.push(item[1]);
        }
      }
      if (link.spaceWaiter === null) link.spaceWaiter = this.taken;
    } else if (message[0] === END) {
      this.ended = true;
      link.close();
      this.endpoint.close();
    }
  }

  private undecodable(error: unknown): void {
    const link = this.link;
    link.target.owner.net.failWith(
      Errors.undecodable(link.from, link.to, (error as Error)?.message ?? String(error)),
    );
  }

  /** The component took messages: return credits once enough have been taken, or all are. */
  private readonly taken = (): void => {
    const link = this.link;
    if (this.ended) return;
    const freed = link.delivered - this.reported;
    if (freed >= this.threshold || (freed > 0 && link.size === 0)) {
      this.reported += freed;
      this.endpoint.postMessage([CREDIT, freed]);
    }
    if (link.size > 0 && link.spaceWaiter === null) link.spaceWaiter = this.taken;
  };

  private broken(): void {
    if (this.ended) return;
    this.ended = true;
    this.endpoint.postMessage([BROKEN]);
    this.endpoint.close();
  }
}
