/**
 * An inbox at run time: the links feeding it (fan-in, served round-robin so each link keeps
 * its order), the count of waiting messages, and at most one waiting reader. `recv` is
 * synchronous; `wait` allocates a promise only when the inbox is empty.
 *
 * An inbox fed by one link (the common case) keeps it in a field; only an inbox fed by several
 * has their array and whose turn it is (`FanIn`). The box's name and schema are the
 * definition's own entry, shared by every instance (one field, not two).
 */
import { Errors } from '../errors.ts';
import type { BoxSpec, Inbox, Match, ReceiveOptions } from '../types.ts';
import type { BoxOwner } from './BoxOwner.ts';
import { FanIn } from './FanIn.ts';
import { InboxFlags, TAKES } from './InboxFlags.ts';
import { DONE, InboxWaits, nextMessage } from './InboxWaits.ts';
import { onlyIdleQueued, pickFeed, wakeWhenIdle } from './idleFeeds.ts';
import type { Link } from './Link.ts';
import { pending, resolvers } from './pending.ts';
import { receive } from './receive.ts';
import {
  FALSE,
  idleMayRun,
  idlePaused,
  mustPause,
  paused,
  TRUE,
  type Waker,
  wake,
  yieldPoint,
} from './scheduler.ts';
import { waitAfterEnd } from './waitAfterEnd.ts';
import { waitFor } from './waitFor.ts';

/** The feeds of an inbox with none. */
const NONE: Link[] = [];

/** What {@link InboxImpl.last} holds until the inbox's first message is taken. */
export const NOTHING: unique symbol = Symbol('nothing received');

export class InboxImpl<T = unknown> extends InboxFlags implements Inbox<T>, AsyncIterator<T> {
  /** The link feeding this inbox when exactly one does (no array then); `null` when none or several do. */
  private only: Link | null = null;
  /** The links feeding it and whose turn it is, when two or more do (fan-in). */
  private fan: FanIn | null = null;
  /** Messages waiting, over all feeds. */
  size = 0;
  /** The waiting reader's resolving functions, if a reader is waiting. */
  resolve: Waker | null = null;
  reject: Waker | null = null;
  /** A `for await` reader's waiting `next()` and a `waitFor`'s deadline (made on first use). */
  waits: InboxWaits | undefined = undefined;
  /** The message taken last (for error reports), or {@link NOTHING}. */
  last: unknown = NOTHING;

  constructor(
    readonly owner: BoxOwner,
    /** The definition's `[name, spec]` entry for this box. */
    private readonly box: readonly [string, BoxSpec],
  ) {
    super();
  }

  get name(): string {
    return this.box[0];
  }

  get spec(): BoxSpec {
    return this.box[1];
  }

  /** While a `waitFor` waits: when it gives up (a `Date.now()` time). */
  get until(): number | undefined {
    return this.waits?.until;
  }

  set until(until: number | undefined) {
    if (until !== undefined || this.waits !== undefined) this.more().until = until;
  }

  more(): InboxWaits {
    this.waits ??= new InboxWaits(this);
    return this.waits;
  }

  /** Links feeding this inbox that are open or still hold messages (a copy: change it with attach/detach). */
  get feeds(): Link[] {
    const only = this.only;
    if (only !== null) return [only];
    return this.fan !== null ? this.fan.feeds.slice() : [];
  }

  /** Make `feeds` (a fresh array, which this keeps) the links feeding this inbox. */
  private setFeeds(feeds: Link[]): void {
    this.only = feeds.length === 1 ? feeds[0]! : null;
    this.fan = feeds.length > 1 ? new FanIn(feeds) : null;
  }

  attach(link: Link): void {
    if (this.ended) throw Errors.inboxEnded(this.owner.name, this.owner.type, this.name);
    this.linked = true;
    if (link.idle) this.idleFed = true;
    // The first feed goes in its field: no array made (and dropped) for it.
    if (this.only === null && this.fan === null) this.only = link;
    else {
      const feeds = this.feeds;
      feeds.push(link);
      this.setFeeds(feeds);
    }
    this.open++;
  }

  /** Take a link out of this inbox (it is being replaced by another that carries its messages). */
  detach(link: Link): void {
    if (!this.drop(link)) return;
    if (!link.closed) this.open--;
    this.size -= link.size;
  }

  /** A link pushed one message. */
  arrived(link: Link): void {
    this.size++;
    if (this.resolve !== null) this.wakeReader(link);
  }

  /** A message came while a reader waits: wake it (at idle time, for idle priority). */
  private wakeReader(link: Link): void {
    if (link.idle || this.owner.idle) wakeWhenIdle(this);
    else {
      const resolve = this.resolve!;
      this.resolve = this.reject = null;
      wake(resolve, true);
    }
  }

  feedClosed(link: Link): void {
    this.open--;
    if (link.size === 0) this.drop(link);
    else this.closedFeeds = true;
    if (this.open === 0 && (this.size === 0 || this.waits?.selecting === true)) {
      const resolve = this.resolve;
      if (resolve !== null) {
        this.resolve = this.reject = null;
        wake(resolve, false);
      }
    }
  }

  dataReady(): boolean {
    return this.size > 0 && !this.idleOnly();
  }

  recv(): T {
    if (this.size === 0) throw this.empty();
    this.size--;
    const link = this.only ?? this.nextFeed(this.fan!);
    const message = link.take();
    this.last = message;
    if ((this.flags & TAKES) !== 0) this.taken(link, message);
    return message as T;
  }

  /** The error of a `recv` on an empty inbox (out of `recv`, which is kept short). */
  private empty(): Error {
    return Errors.recvEmpty(this.owner.name, this.owner.type, this.name);
  }

  /**
   * After a take, when something must know (see `noted`, `closedFeeds`): drop a
   * closed feed that has drained, and tell the owner that `message` was taken off `link`.
   */
  taken(link: Link, message: unknown): void {
    if (link.closed && link.size === 0) {
      this.drop(link);
      const only = this.only;
      this.closedFeeds =
        only !== null ? only.closed : this.fan?.feeds.some((feed) => feed.closed) === true;
    }
    if (!this.noted) return;
    const owner = this.owner;
    owner.lastInbox = this;
    if (owner.watching) owner.received(this, link, message);
  }

  wait(): Promise<boolean> {
    if (this.size > 0 && !this.owner.halted) {
      if (this.owner.idle && !idleMayRun()) return idlePaused(true);
      if (!this.idleOnly()) return mustPause() ? paused(true) : TRUE;
    }
    return this.block();
  }

  /** Only idle links' messages are queued, and the thread has other work: they wait. */
  idleOnly(): boolean {
    return (
      this.idleFed &&
      onlyIdleQueued(this.only, this.fan !== null ? this.fan.feeds : NONE) &&
      !idleMayRun()
    );
  }

  waitFor(ms: number): Promise<boolean | 'timeout'> {
    return waitFor(this, ms);
  }

  receive(match: Match<T>, options?: ReceiveOptions): Promise<any> {
    return receive(this, match as Match<unknown>, options);
  }

  /** The promise `wait` returns when it has to wait (or the stop error, once halted). */
  block(): Promise<boolean> {
    const owner = this.owner;
    if (owner.halted) {
      owner.stoppedInWait();
      return Promise.reject(owner.stopError());
    }
    if (this.size > 0) {
      if (!this.idleOnly()) return TRUE;
    } else if (this.open === 0) {
      if (this.ended) return waitAfterEnd(owner, `inbox '${this.name}'`, false, FALSE);
      this.ended = true;
      return FALSE;
    }
    this.park();
    const promise = pending<boolean>();
    this.resolve = resolvers.resolve;
    this.reject = resolvers.reject;
    if (this.size > 0) wakeWhenIdle(this);
    yieldPoint();
    return promise;
  }

  /**
   * About to wait: no other reader may be waiting, and the input in hand is done. The caller
   * registers as the waiting reader before `yieldPoint()`: a wake-up released there may deliver
   * to this inbox at once (a link from another thread), and must find the reader to wake.
   */
  park(): void {
    this.claim();
    this.owner.sequencer?.settle();
  }

  /** Deliver a message taken from `link` again, before anything else it holds. */
  requeue(link: Link, message: unknown): void {
    if (link.broken) return;
    link.requeue(message);
    if (link.closed) this.closedFeeds = true;
    const feeds = this.feeds;
    if (!feeds.includes(link)) {
      feeds.push(link);
      this.setFeeds(feeds);
    }
    this.size++;
  }

  /** A message was taken off one of its feeds other than by `recv` (a selective receive). */
  tookOne(): void {
    this.size--;
  }

  /** Throws unless no reader is waiting on this inbox yet. */
  claim(): void {
    if (this.resolve !== null)
      throw Errors.waitPending(this.owner.name, this.owner.type, this.name);
  }

  /** Nobody waits on it any more (a wait on several inboxes has been settled elsewhere). */
  unlisten(): void {
    this.resolve = this.reject = null;
    this.waits?.forget();
  }

  /** True once no message is waiting and no open link remains. */
  isEnded(): boolean {
    if (this.size === 0 && this.open === 0) this.ended = true;
    return this.ended && this.size === 0;
  }

  /** Hard stop: fail a pending wait with the stop error. */
  interrupt(error: unknown): void {
    const reject = this.reject;
    if (reject !== null) {
      this.owner.stoppedInWait();
      this.resolve = this.reject = null;
      if (this.waits !== undefined) this.waits.resolve = this.waits.reject = null;
      wake(reject, error);
    }
  }

  /** The component has finished: drop what is queued and break every link in. */
  finish(): void {
    this.ended = true;
    const feeds = this.feeds;
    this.setFeeds(NONE);
    this.size = 0;
    for (const link of feeds) link.break();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    return nextMessage(this) as Promise<IteratorResult<T>>;
  }

  return(): Promise<IteratorResult<T>> {
    return Promise.resolve(DONE);
  }

  private nextFeed(fan: FanIn): Link {
    const feeds = fan.feeds;
    const k = pickFeed(feeds, fan.next);
    if (k < 0) throw new Error('Plexus internal error: inbox size and link queues disagree.');
    fan.next = (k + 1) % feeds.length;
    return feeds[k]!;
  }

  /** Stop reading from `link`; false if it was not a feed. */
  drop(link: Link): boolean {
    const feeds = this.feeds;
    const i = feeds.indexOf(link);
    if (i < 0) return false;
    feeds.splice(i, 1);
    this.setFeeds(feeds);
    return true;
  }
}
