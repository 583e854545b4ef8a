/**
 * The yes-or-no state of an inbox, kept as bits of one number, and above them the count of its
 * open feeds. Node runs V8 without pointer compression, so every field of an object costs 8
 * bytes; an inbox has five such flags and a count, and a ring of a million components one inbox
 * each. Each flag, and the count, reads and writes as a property.
 */

const ENDED = 1;
const LINKED = 2;
const IDLE_FED = 4;
const NOTED = 8;
const CLOSED_FEEDS = 16;
/** A take must call `taken`: the owner notes takes, or a closed feed may have drained. */
export const TAKES = NOTED | CLOSED_FEEDS;
/** The flags' bits; the count of open feeds is the number above them. */
const BITS = 31;
const OPEN_SHIFT = 5;

export class InboxFlags {
  /** The flags below, as bits. */
  protected flags = 0;

  private set(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  /** Feeds whose sender has not closed them (at most 2^26: links are objects, far fewer fit). */
  get open(): number {
    return this.flags >>> OPEN_SHIFT;
  }

  set open(count: number) {
    this.flags = (this.flags & BITS) | (count << OPEN_SHIFT);
  }

  /** The component has seen this inbox end (or has finished): nothing more can be linked in. */
  get ended(): boolean {
    return (this.flags & ENDED) !== 0;
  }

  set ended(on: boolean) {
    this.set(ENDED, on);
  }

  /** Some link has fed this inbox at some point (a graceful stop spares such components). */
  get linked(): boolean {
    return (this.flags & LINKED) !== 0;
  }

  set linked(on: boolean) {
    this.set(LINKED, on);
  }

  /** An idle-priority link has fed it (idleFeeds.ts). */
  get idleFed(): boolean {
    return (this.flags & IDLE_FED) !== 0;
  }

  set idleFed(on: boolean) {
    this.set(IDLE_FED, on);
  }

  /**
   * Every take is also reported to the owner (`taken`): it has several inboxes (so it must
   * know which one took last) or is watching what it receives. Otherwise a take touches only
   * the inbox and its link.
   */
  get noted(): boolean {
    return (this.flags & NOTED) !== 0;
  }

  set noted(on: boolean) {
    this.set(NOTED, on);
  }

  /** Some feed closed while it held messages: a take may leave it drained, to be dropped. */
  get closedFeeds(): boolean {
    return (this.flags & CLOSED_FEEDS) !== 0;
  }

  set closedFeeds(on: boolean) {
    this.set(CLOSED_FEEDS, on);
  }
}
