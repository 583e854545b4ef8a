/**
 * The less common ways of waiting on an inbox, kept apart from the inbox so that one nobody
 * waits on that way carries a single field for them: a `for await` reader's pending `next()`,
 * and the deadline of a `waitFor`. Made on first use.
 */

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
