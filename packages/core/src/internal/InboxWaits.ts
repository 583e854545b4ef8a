/**
 * The less common ways of waiting on an inbox, kept apart from the inbox so that one nobody
 * waits on that way carries a single field for them: a `for await` reader's pending `next()`,
 * and the deadline of a `waitFor`. Made on first use. A `for await` reader's `next()` is here too.
 */

import { wakeWhenIdle } from './idleFeeds.ts';
import { pending, resolvers } from './pending.ts';
import { idleMayRun, idlePaused, mustPause, paused, type Waker, yieldPoint } from './scheduler.ts';

/** What `next()` gives at the end of the stream. */
export const DONE: IteratorReturnResult<undefined> = Object.freeze({
  value: undefined,
  done: true,
});

export class InboxWaits {
  /** The resolving functions of a waiting `next()`'s result, while one waits. */
  resolve: ((result: IteratorResult<unknown>) => void) | null = null;
  reject: ((error: unknown) => void) | null = null;
  /** While a `waitFor` waits: when it gives up (a `Date.now()` time). */
  until: number | undefined = undefined;
  /** A selective `receive` waits for a message that matches (messages may be queued meanwhile). */
  selecting = false;

  constructor(private readonly inbox: { recv(): unknown }) {}

  /** Nothing waits here any more. */
  forget(): void {
    this.resolve = this.reject = null;
    this.until = undefined;
  }

  /**
   * Woken by the scheduler (a message arrived, or the inbox ended): settle the waiting `next()`,
   * with the message now waiting, or as done at the end.
   */
  resume(ready: unknown): void {
    const resolve = this.resolve;
    const reject = this.reject!;
    this.resolve = this.reject = null;
    if (resolve === null) return;
    if (!ready) resolve(DONE);
    else {
      try {
        resolve({ value: this.inbox.recv(), done: false });
      } catch (error) {
        reject(error);
      }
    }
  }
}

/** An inbox, as a `for await` reader's `next()` reads it. */
interface Iterated {
  readonly owner: { readonly halted: boolean; readonly idle: boolean };
  readonly size: number;
  readonly open: number;
  resolve: Waker | null;
  reject: Waker | null;
  recv(): unknown;
  block(): Promise<boolean>;
  park(): void;
  more(): InboxWaits;
  idleOnly(): boolean;
}

/**
 * A `for await` reader's `next()`: the message waiting, if any; else the end, or a wait whose
 * wake-up itself takes the message and settles the result, so a reader costs one promise and
 * one resumption per wait (not a second promise chained with `then`).
 */
export function nextMessage(inbox: Iterated): Promise<IteratorResult<unknown>> {
  const owner = inbox.owner;
  if (inbox.size > 0 && !owner.halted) {
    if (owner.idle && !idleMayRun()) return idlePaused(undefined).then(() => nextMessage(inbox));
    if (!inbox.idleOnly()) {
      const result = { value: inbox.recv(), done: false as const };
      return mustPause() ? paused(result) : Promise.resolve(result);
    }
  }
  if (owner.halted || inbox.open === 0)
    return inbox.block().then((ready) => (ready ? { value: inbox.recv(), done: false } : DONE));
  inbox.park();
  const promise = pending<IteratorResult<unknown>>();
  const waits = inbox.more();
  waits.resolve = resolvers.resolve;
  waits.reject = resolvers.reject;
  inbox.resolve = waits;
  inbox.reject = resolvers.reject;
  if (inbox.size > 0) wakeWhenIdle(inbox);
  yieldPoint();
  return promise;
}
