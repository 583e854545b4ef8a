/**
 * Idle-priority links (`LinkOptions.priority: 'idle'`, the python-ideas thread's "idletasks"):
 * what an inbox does differently once such a link feeds it. A message on an idle link is taken
 * only when nothing else on the thread has work: a reader waiting on the inbox is woken for it
 * at idle time, a message on a normal link is taken before any on an idle one, and a wait that
 * finds only idle messages queued goes on at idle time. An inbox no idle link has fed pays
 * nothing of this but one flag.
 */
import type { Link } from './Link.ts';
import { type Waker, wakeIdle } from './scheduler.ts';

/** The inbox, as seen here. */
interface IdleFed {
  resolve: Waker | null;
  reject: Waker | null;
  readonly size: number;
  readonly owner: { readonly halted: boolean };
}

/** Every message queued on `only` (the one feed) or `many` (several) is on an idle link. */
export function onlyIdleQueued(only: Link | null, many: readonly Link[]): boolean {
  if (only !== null) return only.idle;
  for (const link of many) if (link.size > 0 && !link.idle) return false;
  return true;
}

/**
 * The index in `feeds` of the next link to take from, round-robin from `from`: the first
 * normal link holding messages, else the first idle one; -1 if none holds any.
 */
export function pickFeed(feeds: readonly Link[], from: number): number {
  const n = feeds.length;
  let idle = -1;
  for (let i = 0; i < n; i++) {
    const k = (from + i) % n;
    const link = feeds[k]!;
    if (link.size === 0) continue;
    if (!link.idle) return k;
    if (idle < 0) idle = k;
  }
  return idle;
}

/** Inboxes with a wake-up queued for idle time. */
const waking = new WeakSet<IdleFed>();

/**
 * A message came on an idle link (or to an idle component) while a reader waits on `inbox`:
 * wake whoever waits on it then, at idle time, if messages are still there (a message on a
 * normal link may have woken it meanwhile). One wake-up is queued per inbox, however many
 * messages come before it runs.
 */
export function wakeWhenIdle(inbox: IdleFed): void {
  if (waking.has(inbox)) return;
  waking.add(inbox);
  wakeIdle(() => {
    waking.delete(inbox);
    const reader = inbox.resolve;
    if (reader === null || inbox.size === 0 || inbox.owner.halted) return;
    inbox.resolve = inbox.reject = null;
    if (typeof reader === 'function') reader(true);
    else reader.resume(true);
  }, undefined);
}
