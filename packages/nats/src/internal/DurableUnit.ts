/**
 * What the durable link ends of one unit tell each other. A receiving end may acknowledge a
 * batch once its messages are handled and what came of them is stored: when the unit has one
 * durable input and tags its durable outputs with the input they came of, the sending ends say
 * which input the last stored batch marked as handled, and the receiving end acknowledges every
 * batch before that input's. Otherwise a receiving end goes by what entered its inbox
 * (see durableEndpoint.ts).
 */

/** A receiving durable end, as the unit's sending ends see it. */
export interface DurableReceiver {
  /** Every input up to `input` (a message's number) is handled and its outputs are stored. */
  handledThrough(input: number): void;
}

/** The durable ends of one unit. */
export class DurableUnit {
  private readonly receivers: DurableReceiver[] = [];
  private tagged = 0;

  addReceiver(receiver: DurableReceiver): void {
    this.receivers.push(receiver);
  }

  addTaggedSender(): void {
    this.tagged++;
  }

  /** Acknowledgements follow the marks of stored outputs (else what entered the inbox). */
  marks(): boolean {
    return this.tagged > 0 && this.receivers.length === 1;
  }

  /** A sending end stored a batch that marked `input` as handled. */
  handled(input: number): void {
    if (this.marks()) this.receivers[0]!.handledThrough(input);
  }
}
