/**
 * Selective receive (`inbox.receive(match, { timeout })`), Erlang's `receive … after`: take the
 * first queued message that matches, leaving the rest where they are, or wait for one.
 *
 * The messages passed over stay in their links — they are not moved to a private save queue —
 * so they keep counting against each link's capacity: a sender into an inbox full of messages
 * nobody matches waits, as backpressure says it must, and the deadlock watch sees this
 * component waiting "for a match" rather than on an empty inbox. "First" is by link, from the
 * front: the first message of every link is tested before the second of any (the order `recv`
 * would come to them in, link by link). Each wait is woken by the next arrival, which is tested
 * with the rest; nothing here runs for components that never call `receive`.
 */
import { Errors } from '../errors.ts';
import type { Match, ReceiveOptions } from '../types.ts';
import type { BoxOwner } from './BoxOwner.ts';
import type { InboxWaits } from './InboxWaits.ts';
import type { Link } from './Link.ts';
import { pending, resolvers } from './pending.ts';
import { type Waker, yieldPoint } from './scheduler.ts';

/** What `receive` needs of the inbox (an `InboxImpl`). */
interface SelectingInbox {
  readonly name: string;
  readonly owner: BoxOwner;
  readonly open: number;
  readonly size: number;
  last: unknown;
  readonly noted: boolean;
  readonly closedFeeds: boolean;
  readonly feeds: readonly Link[];
  resolve: Waker | null;
  reject: Waker | null;
  until: number | undefined;
  claim(): void;
  tookOne(): void;
  taken(link: Link, message: unknown): void;
  more(): InboxWaits;
  unlisten(): void;
  drop(link: Link): boolean;
}

export const NONE: unique symbol = Symbol('no match');

export async function receive(
  inbox: SelectingInbox,
  match: Match<unknown>,
  options: ReceiveOptions = {},
): Promise<unknown> {
  const test = predicate(inbox, match);
  const timeout = options.timeout;
  const until = timeout === undefined ? undefined : Date.now() + Math.max(0, timeout);
  for (;;) {
    // A match already here is taken even once halted: a call's reply beats the stop it raced.
    const found = takeMatching(inbox, test);
    if (found !== NONE) return found;
    const owner = inbox.owner;
    if (owner.halted) {
      owner.stoppedInWait();
      throw owner.stopError();
    }
    if (inbox.open === 0) return undefined;
    if (until !== undefined && Date.now() >= until) return 'timeout';
    if ((await arrival(inbox, until)) === 'timeout') {
      const last = takeMatching(inbox, test);
      return last === NONE ? 'timeout' : last;
    }
  }
}

/** Take the first queued message that passes `test`, or NONE. */
export function takeMatching(inbox: SelectingInbox, test: (message: unknown) => boolean): unknown {
  if (inbox.size === 0) return NONE;
  const feeds = inbox.feeds;
  let deepest = 0;
  for (const link of feeds) deepest = Math.max(deepest, link.size);
  for (let depth = 0; depth < deepest; depth++) {
    for (const link of feeds) {
      if (depth >= link.size || !test(link.peek(depth))) continue;
      return take(inbox, link, depth);
    }
  }
  return NONE;
}

function take(inbox: SelectingInbox, link: Link, depth: number): unknown {
  const message = link.takeAt(depth);
  inbox.tookOne();
  inbox.last = message;
  if (inbox.noted || inbox.closedFeeds) inbox.taken(link, message);
  return message;
}

/**
 * Wait for the next message to arrive (whether or not it matches): `true` when one did, `false`
 * when the last link in closed, `'timeout'` at `until`. A stop rejects it with the stop error.
 */
function arrival(inbox: SelectingInbox, until: number | undefined): Promise<boolean | 'timeout'> {
  inbox.claim();
  inbox.owner.sequencer?.settle();
  const waits = inbox.more();
  waits.selecting = true;
  const promise = pending<boolean | 'timeout'>();
  const resolve = resolvers.resolve;
  const reject = resolvers.reject;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = () => {
    waits.selecting = false;
    if (timer !== undefined) {
      clearTimeout(timer);
      inbox.until = undefined;
    }
  };
  const listener = (ready: unknown) => {
    done();
    resolve(ready as boolean);
  };
  inbox.resolve = listener;
  inbox.reject = (error: unknown) => {
    done();
    reject(error);
  };
  if (until !== undefined) {
    inbox.until = until;
    timer = setTimeout(
      () => {
        // Still this wait: stop listening, and give up.
        if (inbox.resolve !== listener) return;
        inbox.unlisten();
        done();
        resolve('timeout');
      },
      Math.max(0, until - Date.now()),
    );
  }
  yieldPoint();
  return promise;
}

function predicate(inbox: SelectingInbox, match: Match<unknown>): (message: unknown) => boolean {
  if (typeof match === 'function') return match as (message: unknown) => boolean;
  const schema = match as { safeParse?: (value: unknown) => { success: boolean } } | null;
  if (typeof schema?.safeParse === 'function')
    return (message) => schema.safeParse!(message).success;
  const { name, type } = inbox.owner;
  throw Errors.badMatch(name, type, inbox.name, match === null ? 'null' : typeof match);
}
