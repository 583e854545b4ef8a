/**
 * A wait on one inbox with a timeout (`inbox.waitFor(ms)`): `true` once a message is waiting,
 * `false` at end of stream, `'timeout'` when `ms` pass first. While it waits, the inbox says
 * until when (`until`), so the deadlock watch knows the component will wake. A stop rejects it
 * at once, and its timer never outlives it.
 */
import type { BoxOwner } from './BoxOwner.ts';
import { TRUE } from './scheduler.ts';

/** What `waitFor` needs of the inbox (an `InboxImpl`). */
interface WaitingInbox {
  readonly owner: BoxOwner;
  readonly size: number;
  readonly resolve: unknown;
  until: number | undefined;
  block(): Promise<boolean>;
  unlisten(): void;
}

export function waitFor(inbox: WaitingInbox, ms: number): Promise<boolean | 'timeout'> {
  if (inbox.size > 0 && !inbox.owner.halted) return TRUE;
  const waiting = inbox.block();
  if (inbox.resolve === null) return waiting;
  if (!(ms > 0)) {
    inbox.unlisten();
    return Promise.resolve('timeout');
  }
  const listener = inbox.resolve;
  inbox.until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Still this wait (not one of a restarted body's): stop listening, and give up.
      if (inbox.resolve !== listener) return;
      inbox.unlisten();
      resolve('timeout');
    }, ms);
    waiting.then(
      (ready) => {
        clearTimeout(timer);
        inbox.until = undefined;
        resolve(ready);
      },
      (error: unknown) => {
        clearTimeout(timer);
        inbox.until = undefined;
        reject(error);
      },
    );
  });
}
