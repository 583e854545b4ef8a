/**
 * The owner contract: what the boxes, links and boundary ports of a component need of the
 * component that owns them. `ComponentRun` implements it; nothing on the boxes' floor imports
 * the run or the network, so the floors stack without a loop: boxes and links, then a
 * component's run, then the network, then the graph.
 */
import type { BoxSpec } from '../types.ts';

export interface BoxOwner {
  /** Instance name in the whole graph (`wc/split`), for messages. */
  readonly name: string;
  /** Definition name, for messages. */
  readonly type: string;
  /** Stopped: its sends and waits now throw `stopError()`. */
  readonly halted: boolean;
  /** Checked mode: what it sends and receives is validated and sealed. */
  readonly checked: boolean;
  /** Every message it takes is reported through `received()`. */
  readonly watching: boolean;
  /** Its sends take the slow path (checked mode, halted or finished, idle priority). */
  readonly slow: boolean;
  /** Idle priority: it goes on only when nothing else on its thread has work. */
  readonly idle: boolean;
  /**
   * For error reports: the inbox that took a message last, kept only while its inboxes are
   * `noted` (several inboxes, or watching); each inbox keeps the message it took last.
   */
  lastInbox: { readonly name: string; readonly last: unknown } | undefined;
  /** The boxes it last waited on again after they had ended (`inbox 'in'`), and when. */
  endedWait: string | undefined;
  endedWaitAt: number;
  /** Set on an ordered replica: settles the input it was handling when it waits again. */
  readonly sequencer: { settle(): void } | undefined;
  /** Its body noticed that it was stopped while waiting for a message (so it held none in hand). */
  stoppedInWait(): void;
  /** The error its sends and waits throw once it is halted. */
  stopError(): Error;
  /** A message was taken from `inbox`, off `link` (called only while `watching`). */
  received(inbox: object, link: object, message: unknown): void;
  /** One of its outgoing links lost its receiver. */
  linkBroken(): void;
  /** Fail it from outside its body (a message it sent could not be posted). */
  fault(error: Error): void;
  /** Fail the whole run it belongs to (a link carried what cannot be decoded). */
  failRun(error: Error): void;
  /** A generator body parked on one of its boxes is resumed through this (a scheduler `Waker`). */
  resume(value: unknown): void;
}

/** A box as the helpers beside it see it: its owner, its name and its schema. */
export interface OwnedBox {
  readonly owner: BoxOwner;
  readonly name: string;
  readonly spec: BoxSpec;
}
