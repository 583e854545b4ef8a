/**
 * The driver of a generator body (`*body(ctx)`), MiniAxon's style: the body yields when it
 * would wait, and the scheduler resumes it. Yielding one of its own inboxes waits for a message
 * without a promise — the inbox holds this driver and the scheduler calls its `resume`, so a
 * hop between two generator bodies allocates nothing and costs no microtask. Yielding a
 * promise (a `send` that must wait, `waitFor`, any other async work) waits for it as `await`
 * would. Everything else — sends, `recv`, stops, supervision — is shared with async bodies.
 */
import { Errors } from '../errors.ts';
import type { ComponentRun } from './ComponentRun.ts';
import { InboxImpl } from './InboxImpl.ts';
import { FALSE, hold, mustPause, RESOLVED, TRUE, yieldPoint } from './scheduler.ts';

export class GeneratorBody {
  /** Resume with a yielded promise's value or reason (made on the first promise yielded). */
  private onValue: ((value: unknown) => void) | undefined;
  private onReason: ((reason: unknown) => void) | undefined;

  constructor(
    readonly run: ComponentRun,
    readonly generator: Generator<unknown, unknown, unknown>,
  ) {}

  /**
   * Resume the body after a wait on an inbox (or a pause): the scheduler calls this object in
   * place, so a parked body costs no closure. It throws the stop error in once halted.
   */
  resume(value: unknown): void {
    const run = this.run;
    if (run.halted) this.step(run.stopError(), true);
    else this.step(value, false);
  }

  /**
   * Run the body with `input` (thrown into it when `thrown`) until it parks, yields a pending
   * promise, or ends. A wait that needs no waiting goes on at once, in this loop.
   */
  step(input: unknown, thrown: boolean): void {
    const run = this.run;
    const generator = this.generator;
    for (;;) {
      let result: IteratorResult<unknown, unknown>;
      try {
        result = thrown ? generator.throw(input) : generator.next(input);
      } catch (error) {
        run.finish(error ?? new Error(`Component '${run.name}' threw ${String(error)}.`));
        return;
      }
      if (result.done === true) {
        run.finish(undefined);
        return;
      }
      const yielded = result.value;
      thrown = false;
      if (yielded instanceof InboxImpl && yielded.owner === run) {
        let ready: boolean | null = null;
        try {
          ready = yielded.waitStep(this);
        } catch (error) {
          input = error;
          thrown = true;
        }
        if (ready === null && !thrown) {
          yieldPoint();
          return;
        }
        if (!thrown) input = ready;
      } else if (yielded === RESOLVED || yielded === TRUE || yielded === FALSE) {
        // What a send with room, or a wait with a message waiting, returns: settled already.
        input = yielded === RESOLVED ? undefined : yielded === TRUE;
      } else if (isThenable(yielded)) {
        const promise = yielded instanceof Promise ? yielded : Promise.resolve(yielded);
        promise.then(this.fulfilled(), this.rejected());
        return;
      } else {
        input = Errors.badYield(run.name, run.type, describe(yielded));
        thrown = true;
      }
      if (mustPause()) {
        // The slice has run its time: go on at the next macrotask, as a settled wait would
        // (a body that keeps catching the stop error cannot hold the thread either).
        hold(thrown ? this.rejected() : this, input);
        return;
      }
    }
  }

  private fulfilled(): (value: unknown) => void {
    this.onValue ??= (value) => this.step(value, false);
    return this.onValue;
  }

  private rejected(): (reason: unknown) => void {
    this.onReason ??= (reason) => this.step(reason, true);
    return this.onReason;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function describe(value: unknown): string {
  if (value instanceof InboxImpl) return `inbox '${value.name}' of component '${value.owner.name}'`;
  if (value === undefined) return 'nothing (a bare `yield`)';
  if (typeof value === 'object' && value !== null) {
    const name = (value as object).constructor?.name;
    return name === undefined || name === 'Object' ? 'an object' : `a ${name}`;
  }
  return `${typeof value} ${String(value)}`;
}
