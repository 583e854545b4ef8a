/**
 * An outbox at run time: the links it feeds (fan-out delivers every message to each, by
 * reference) and the send path. A send that finds room in every link pushes synchronously and
 * returns a shared settled promise; only a send into a full link allocates and waits.
 */
import { Errors } from '../errors.ts';
import type { BoxSpec, Outbox, SendOptions } from '../types.ts';
import type { BoxOwner } from './BoxOwner.ts';
import { checkOutgoing, sealMoved } from './checked/checkOutgoing.ts';
import { ownedBuffers } from './ownedBuffers.ts';
import { pending, resolvers } from './pending.ts';
import type { Sink } from './Sink.ts';
import {
  idleMayRun,
  idlePaused,
  mustPause,
  paused,
  RESOLVED,
  wake,
  yieldPoint,
} from './scheduler.ts';
import { transferMessage } from './transferMessage.ts';

const FAST = 1;
const WAITING = 2;
const CLOSED = 4;

/**
 * Buffers the message being sent owns alone (after a transfer), for a sink that can move them:
 * set by `prepare` and read at once by the send that called it (one per thread, not a field
 * per outbox).
 */
let moved: ArrayBuffer[] | undefined;

/** The links of an outbox with none or one (`many` is then this, and never changed). */
const NONE: Sink[] = [];

export class OutboxImpl<T = unknown> implements Outbox<T> {
  /**
   * The link this outbox feeds, when it feeds exactly one (the common case, kept in a field: an
   * outbox of a million-component ring then holds no array); `null` when none or several.
   */
  private only: Sink | null = null;
  /** The links it feeds when there are two or more (fan-out); else the shared empty array. */
  private many: Sink[] = NONE;
  /** Messages dropped because an optional outbox was unlinked. */
  dropped = 0;
  /** `closed`, `waiting` and the fast path's flag, as bits (each field costs 8 bytes). */
  private flags = 0;
  reject: ((error: unknown) => void) | null = null;

  constructor(
    readonly owner: BoxOwner,
    /** The definition's `[name, spec]` entry for this box (shared by every instance). */
    private readonly box: readonly [string, BoxSpec],
  ) {}

  get name(): string {
    return this.box[0];
  }

  get spec(): BoxSpec {
    return this.box[1];
  }

  /** The links this outbox feeds (a copy: change them with addLink/removeLink). */
  get links(): Sink[] {
    return this.only !== null ? [this.only] : this.many.slice();
  }

  /** A send (or a `waitRoom`) is waiting for room. */
  get waiting(): boolean {
    return (this.flags & WAITING) !== 0;
  }

  set waiting(waiting: boolean) {
    this.flags = waiting ? this.flags | WAITING : this.flags & ~WAITING;
    this.refresh();
  }

  /** The body has finished: its links are closed. */
  get closed(): boolean {
    return (this.flags & CLOSED) !== 0;
  }

  /**
   * Work out whether sends may push at once, with nothing to check (the FAST bit, so the hot
   * path reads one field): it feeds one link, no send is waiting, its owner's sends are not
   * slow. Called when its links, its waiting send or its owner's `slow` change.
   */
  refresh(): void {
    const fast = this.only !== null && !this.waiting && !this.owner.slow;
    this.flags = fast ? this.flags | FAST : this.flags & ~FAST;
  }

  /** Feed `sink` too. */
  addLink(sink: Sink): void {
    if (this.only === null && this.many.length === 0) {
      this.only = sink;
      this.refresh();
    } else {
      const links = this.links;
      links.push(sink);
      this.setLinks(links);
    }
  }

  /** Stop feeding `sink`; false if it was not fed. */
  removeLink(sink: Sink): boolean {
    const links = this.links;
    const i = links.indexOf(sink);
    if (i < 0) return false;
    links.splice(i, 1);
    this.setLinks(links);
    return true;
  }

  /** Make `links` (a fresh array, which this keeps) the links this outbox feeds. */
  private setLinks(links: Sink[]): void {
    this.only = links.length === 1 ? links[0]! : null;
    this.many = links.length > 1 ? links : NONE;
    this.refresh();
  }

  send(message: T, options?: SendOptions): Promise<void> {
    if ((this.flags & FAST) !== 0 && options === undefined) {
      const only = this.only!;
      if (!only.hasSpace()) return this.sendLater(message, undefined);
      only.push(message);
      return mustPause() ? paused(undefined) : RESOLVED;
    }
    return this.sendSlow(message, options);
  }

  /** `send` off the fast path: several links or none, a send waiting, checks to make. */
  private sendSlow(message: T, options: SendOptions | undefined): Promise<void> {
    let transfer: ArrayBuffer[] | undefined;
    if (this.owner.slow || options !== undefined) {
      message = this.prepare(message, options);
      transfer = moved;
      moved = undefined;
      if (this.owner.idle && !this.waiting && !idleMayRun())
        return this.sendWhenIdle(message, transfer);
    }
    if (this.waiting) throw Errors.sendPending(this.owner.name, this.owner.type, this.name);
    const link = this.only;
    if (link !== null ? link.hasSpace() : this.firstFull() === undefined) {
      if (!this.push(message, transfer)) return this.unlinked();
      return mustPause() ? paused(undefined) : RESOLVED;
    }
    return this.sendLater(message, transfer);
  }

  trySend(message: T, options?: SendOptions): boolean {
    if ((this.flags & FAST) !== 0 && options === undefined) {
      // The common case, kept short: one link, nothing to check.
      const only = this.only!;
      if (!only.hasSpace()) return false;
      only.push(message);
      return true;
    }
    return this.trySendSlow(message, options);
  }

  /** `trySend` off the fast path: several links or none, a send waiting, checks to make. */
  private trySendSlow(message: T, options: SendOptions | undefined): boolean {
    if (this.waiting) return false;
    const link = this.only;
    if (link !== null) {
      if (!link.hasSpace()) return false;
    } else if (this.many.length > 1 && this.firstFull() !== undefined) return false;
    let transfer: ArrayBuffer[] | undefined;
    if (this.owner.slow || options !== undefined) {
      message = this.prepare(message, options);
      transfer = moved;
      moved = undefined;
    }
    if (!this.push(message, transfer)) void this.unlinked();
    return true;
  }

  /**
   * Push `message` into every link it feeds, each of which has room: the one push path of
   * `send`, `trySend` and a send that waited. False if it feeds none (see `unlinked`).
   */
  private push(message: T, transfer: ArrayBuffer[] | undefined): boolean {
    const only = this.only;
    if (only !== null) only.push(message, transfer);
    else if (this.many.length === 0) return false;
    // Fan-out: every target shares the message, so nothing is moved across a boundary.
    else for (const link of this.many) link.push(message);
    return true;
  }

  /** Checks that cost something: stop, closed, checked mode, transfer. */
  private prepare(message: T, options: SendOptions | undefined): T {
    const owner = this.owner;
    if (owner.halted) throw owner.stopError();
    if (this.closed) throw Errors.outboxClosed(owner.name, owner.type, this.name);
    const transfer = options?.transfer;
    const moving = transfer !== undefined && transfer.length > 0;
    if (owner.checked) checkOutgoing(this, message, moving);
    moved = undefined;
    if (!moving) return message;
    const copy = transferMessage(this, message, transfer) as T;
    if (owner.checked) sealMoved(copy);
    moved = ownedBuffers(copy);
    return copy;
  }

  private unlinked(): Promise<void> {
    if (this.spec.optional === true) {
      this.dropped++;
      return mustPause() ? paused(undefined) : RESOLVED;
    }
    throw Errors.unlinkedOutbox(this.owner.name, this.owner.type, this.name);
  }

  /** The first of its links with no room, if any. */
  firstFull(): Sink | undefined {
    if (this.only !== null) return this.only.hasSpace() ? undefined : this.only;
    for (const link of this.many) if (!link.hasSpace()) return link;
    return undefined;
  }

  private async sendLater(message: T, transfer: ArrayBuffer[] | undefined): Promise<void> {
    this.waiting = true;
    try {
      for (let full = this.firstFull(); full !== undefined; full = this.firstFull()) {
        const promise = pending<undefined>();
        full.spaceWaiter = resolvers.resolve;
        this.reject = resolvers.reject;
        yieldPoint();
        await promise;
        if (this.owner.halted) throw this.owner.stopError();
      }
    } finally {
      this.waiting = false;
      this.reject = null;
    }
    if (!this.push(message, transfer)) return this.unlinked();
  }

  /** Idle priority, and other work is queued: send once nothing else has work. */
  private async sendWhenIdle(message: T, transfer: ArrayBuffer[] | undefined): Promise<void> {
    this.waiting = true;
    try {
      await idlePaused(undefined);
      if (this.owner.halted) throw this.owner.stopError();
    } finally {
      this.waiting = false;
    }
    if (this.firstFull() !== undefined) return this.sendLater(message, transfer);
    const only = this.only;
    if (only !== null) only.push(message, transfer);
    else if (this.many.length === 0) return this.unlinked();
    else for (const link of this.many) link.push(message);
  }

  /** A send is waiting for room in a link. */
  get blocked(): boolean {
    return this.waiting;
  }

  /** The body is being restarted: forget a send its previous run left waiting. */
  resume(): void {
    this.waiting = false;
    this.reject = null;
  }

  /** Hard stop: fail a pending send with the stop error. */
  interrupt(error: unknown): void {
    const reject = this.reject;
    if (reject !== null) {
      this.reject = null;
      wake(reject, error);
    }
  }

  /**
   * The body has finished: close every link (receivers drain what is queued), or, when the
   * graph is stopping hard, abort them (no end of stream reaches the receivers).
   */
  finish(abort: boolean): void {
    this.flags |= CLOSED;
    for (const link of this.links) {
      if (abort) link.abort();
      else link.close();
    }
  }
}
