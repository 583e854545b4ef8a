/** Wait on several inboxes at once: the first with a message wins; all ended gives undefined. */
import { Errors } from '../errors.ts';
import type { BoxOwner } from './BoxOwner.ts';
import type { InboxImpl } from './InboxImpl.ts';
import { pending, resolvers } from './pending.ts';
import { yieldPoint } from './scheduler.ts';
import { waitAfterEnd } from './waitAfterEnd.ts';

const NONE: Promise<undefined> = Promise.resolve(undefined);

export async function waitAny(
  run: BoxOwner,
  inboxes: readonly InboxImpl[],
): Promise<InboxImpl | undefined> {
  for (const inbox of inboxes) {
    if (inbox.owner !== run) {
      throw Errors.badLink(
        `Component '${run.name}' can only wait on its own inboxes, but '${inbox.owner.name}.${inbox.name}' belongs to another component.`,
      );
    }
  }
  for (;;) {
    if (run.halted) {
      run.stoppedInWait();
      throw run.stopError();
    }
    for (const inbox of inboxes) if (inbox.size > 0) return inbox;
    const again = inboxes.every((inbox) => inbox.ended);
    const live = inboxes.filter((inbox) => !inbox.isEnded());
    if (live.length === 0) {
      if (!again) return undefined;
      const names = inboxes.map((inbox) => `'${inbox.name}'`).join(', ');
      const what = inboxes.length === 1 ? `inbox ${names}` : `inboxes ${names}`;
      return waitAfterEnd(run, inboxes.length === 0 ? 'no inbox at all' : what, undefined, NONE);
    }
    for (const inbox of live) inbox.claim();
    const promise = pending<boolean>();
    for (const inbox of live) {
      inbox.resolve = resolvers.resolve;
      inbox.reject = resolvers.reject;
    }
    run.sequencer?.settle();
    yieldPoint();
    try {
      await promise;
    } finally {
      for (const inbox of live) inbox.unlisten();
    }
  }
}
