/**
 * `wait` for a generator body (`yield inbox`), without a promise: what the scheduler's driver
 * of generator bodies (stepGenerator.ts) calls when a body yields one of its inboxes.
 */

import type { InboxImpl } from './InboxImpl.ts';
import { wakeWhenIdle } from './idleFeeds.ts';
import { noteWaitAfterEnd } from './waitAfterEnd.ts';

/**
 * `true` if a message is waiting in `inbox`, `false` if it has ended, `null` if the body must
 * park — its owner's `resume` is then woken with `true` or `false` when a message arrives or
 * the inbox ends. Throws once halted.
 */
export function waitStep(inbox: InboxImpl): boolean | null {
  const owner = inbox.owner;
  if (owner.halted) {
    owner.stoppedInWait();
    throw owner.stopError();
  }
  if (inbox.size > 0) {
    // Unless only idle links' messages are queued: then park, woken for them at idle time.
    if (owner.idle || !inbox.idleOnly()) return true;
  } else if (inbox.open === 0) {
    if (inbox.ended) noteWaitAfterEnd(owner, `inbox '${inbox.name}'`);
    inbox.ended = true;
    return false;
  }
  inbox.park();
  inbox.resolve = inbox.reject = owner;
  if (inbox.size > 0) wakeWhenIdle(inbox);
  return null;
}
