/**
 * The yes-or-no state of a component instance, as bits of one number, and what it received
 * last. Node runs V8 without pointer compression, so every field costs 8 bytes a component;
 * five flags in one field are 32 bytes less in a ring of a million. Each flag reads and
 * writes as a property.
 */
import { type InboxImpl, NOTHING } from './InboxImpl.ts';

const HALTED = 1;
const CHECKED = 2;
const WATCHING = 4;
const SLOW = 8;
const IDLE = 16;

export class RunFlags {
  /** The flags below, as bits. */
  private flags = 0;
  /**
   * The inbox that took a message last, while its inboxes are `noted` (see BoxOwner): kept in
   * the instance's extras (see RunExtras), as few instances have several inboxes.
   */
  declare lastInbox: InboxImpl | undefined;
  declare readonly inboxes: Record<string, InboxImpl>;

  private set(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  /** `life.halted`, kept for the hot paths: sends and waits now throw the stop error. */
  get halted(): boolean {
    return (this.flags & HALTED) !== 0;
  }

  set halted(on: boolean) {
    this.set(HALTED, on);
  }

  /** Set as it starts, from the graph's mode: what it sends and receives is validated and sealed. */
  get checked(): boolean {
    return (this.flags & CHECKED) !== 0;
  }

  set checked(on: boolean) {
    this.set(CHECKED, on);
  }

  /** Every recv is looked at (checked mode, or an ordered replica tracking its input). */
  get watching(): boolean {
    return (this.flags & WATCHING) !== 0;
  }

  set watching(on: boolean) {
    this.set(WATCHING, on);
  }

  /** Sends take the slow path (checked mode, halted or over, idle priority): kept by `enter`. */
  get slow(): boolean {
    return (this.flags & SLOW) !== 0;
  }

  set slow(on: boolean) {
    this.set(SLOW, on);
  }

  /** Idle priority: goes on only when nothing else on its thread has work. */
  get idle(): boolean {
    return (this.flags & IDLE) !== 0;
  }

  set idle(on: boolean) {
    this.set(IDLE, on);
  }

  /**
   * The inbox that took a message last, if any did: with one inbox and nothing watching, the
   * inbox itself knows (nothing is recorded on the instance per message).
   */
  private lastTaker(): InboxImpl | undefined {
    if (this.lastInbox !== undefined) return this.lastInbox;
    for (const box in this.inboxes) {
      const inbox = this.inboxes[box]!;
      if (inbox.last !== NOTHING) return inbox;
    }
    return undefined;
  }

  /** For error reports: the inbox that received last. */
  get lastBox(): string | undefined {
    return this.lastTaker()?.name;
  }

  /** For error reports: the message received last. */
  get lastMessage(): unknown {
    const inbox = this.lastTaker();
    return inbox === undefined ? undefined : inbox.last;
  }
}
