/** Wait on several outboxes at once: the first that can send without waiting wins. */
import { Errors } from '../errors.ts';
import type { BoxOwner } from './BoxOwner.ts';
import type { OutboxImpl } from './OutboxImpl.ts';
import { pending, resolvers } from './pending.ts';
import type { Sink } from './Sink.ts';
import { yieldPoint } from './scheduler.ts';

export async function waitRoom(
  run: BoxOwner,
  outboxes: readonly OutboxImpl[],
): Promise<OutboxImpl> {
  if (outboxes.length === 0) {
    throw Errors.badLink(
      `Component '${run.name}' called waitRoom() with no outboxes; pass the outboxes to wait on.`,
    );
  }
  for (const outbox of outboxes) {
    if (outbox.owner !== run) {
      throw Errors.badLink(
        `Component '${run.name}' can only wait on its own outboxes, but '${outbox.owner.name}.${outbox.name}' belongs to another component.`,
      );
    }
  }
  for (;;) {
    if (run.halted) throw run.stopError();
    const full: Sink[] = [];
    for (const outbox of outboxes) {
      const sink = outbox.firstFull();
      if (sink === undefined) return outbox;
      full.push(sink);
    }
    for (const outbox of outboxes) {
      if (outbox.waiting) throw Errors.sendPending(run.name, run.type, outbox.name);
    }
    const promise = pending<undefined>();
    const { resolve, reject } = resolvers;
    // Each full link wakes this wait when it gets room; a stop rejects it through any outbox.
    for (const sink of full) sink.spaceWaiter = resolve;
    for (const outbox of outboxes) {
      outbox.waiting = true;
      outbox.reject = reject;
    }
    run.sequencer?.settle();
    yieldPoint();
    try {
      await promise;
    } finally {
      for (const sink of full) if (sink.spaceWaiter === resolve) sink.spaceWaiter = null;
      for (const outbox of outboxes) {
        outbox.waiting = false;
        outbox.reject = null;
      }
    }
  }
}
