/**
 * Wait for an inbox *or* a deadline, whichever comes first, without ever waiting on the
 * inbox twice at once (`ERR_WAIT_PENDING`): a wait the deadline won keeps pending and is
 * reused by the next call. The timer is cleared as soon as the inbox wins, and a stop rejects
 * at once, so nothing outlives the component.
 */
import type { Inbox } from '@plexus/core';

export class TimedInbox<T> {
  private pending: Promise<boolean> | undefined;

  constructor(
    readonly inbox: Inbox<T>,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * Resolves `true` when a message may be waiting (check `dataReady()`), `false` at end of
   * stream, or `undefined` once `deadline` (a `Date.now()` time) has passed first. Without a
   * deadline it is the inbox's own `wait()`.
   */
  wait(deadline?: number): Promise<boolean | undefined> {
    const inbox = this.inbox;
    if (inbox.dataReady() && this.pending === undefined) return Promise.resolve(true);
    let pending = this.pending;
    if (pending === undefined) {
      const wait = inbox.wait();
      pending = wait;
      this.pending = wait;
      const clear = () => {
        if (this.pending === wait) this.pending = undefined;
      };
      wait.then(clear, clear);
    }
    if (deadline === undefined) return pending;
    const ms = deadline - Date.now();
    if (ms <= 0) return Promise.resolve(undefined);
    const signal = this.signal;
    return new Promise<boolean | undefined>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        done();
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(undefined);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (ready) => {
          done();
          resolve(ready);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }
}
