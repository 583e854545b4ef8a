/**
 * Driving a generator body (`*body(ctx)`), MiniAxon's style: the body yields where it would
 * wait, and the scheduler resumes it. Yielding one of its own inboxes waits for a message
 * without a promise — the inbox holds the component instance itself and the scheduler calls
 * its `resume`, so a hop between two generator bodies allocates nothing and costs no
 * microtask, and a suspended one costs its generator and nothing more. Yielding a promise (a
 * `send` that must wait, `waitFor`, any other async work) waits for it as `await` would.
 * Everything else — sends, `recv`, stops, supervision — is shared with async bodies.
 */
import { Errors } from '../errors.ts';
import { InboxImpl } from './InboxImpl.ts';
import type { Run } from './Run.ts';
import {
  FALSE,
  hold,
  idleMayRun,
  mustPause,
  RESOLVED,
  TRUE,
  wakeIdle,
  yieldPoint,
} from './scheduler.ts';
import { waitStep } from './waitStep.ts';

/**
 * Resume a parked generator body (the scheduler calls the instance's `resume`, which lands
 * here): with the value it was woken with, or with the stop error thrown in once halted.
 */
export function resumeGenerator(run: Run, value: unknown): void {
  if (run.halted) stepGenerator(run, run.stopError(), true);
  else stepGenerator(run, value, false);
}

/**
 * Run `run`'s generator body with `input` (thrown into it when `thrown`) until it parks,
 * yields a pending promise, or ends. A wait that needs no waiting goes on at once, in this loop.
 */
export function stepGenerator(run: Run, input: unknown, thrown: boolean): void {
  const generator = run.generator!;
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
        ready = waitStep(yielded);
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
      const extras = continuations(run, generator);
      promise.then(extras.onValue, extras.onReason);
      return;
    } else {
      input = Errors.badYield(run.name, run.type, describe(yielded));
      thrown = true;
    }
    if (run.idle && !idleMayRun()) {
      // Idle priority: go on once nothing else on this thread has work.
      if (thrown) wakeIdle(continuations(run, generator).onReason!, input);
      else wakeIdle(run, input);
      return;
    }
    if (mustPause()) {
      // The slice has run its time: go on at the next macrotask, as a settled wait would
      // (a body that keeps catching the stop error cannot hold the thread either).
      if (thrown) hold(continuations(run, generator).onReason!, input);
      else hold(run, input);
      return;
    }
  }
}

/**
 * The functions that go on with `generator` once a promise it yielded settles, made once per
 * run of the body. They do nothing if the body has been restarted meanwhile (a new generator).
 */
function continuations(run: Run, generator: Generator<unknown, unknown, unknown>) {
  const extras = run.more();
  if (extras.onValue === undefined) {
    extras.onValue = (value) => {
      if (run.generator === generator) stepGenerator(run, value, false);
    };
    extras.onReason = (reason) => {
      if (run.generator === generator) stepGenerator(run, reason, true);
    };
  }
  return extras;
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

/** A generator object (what a `*body` returns): it has `next`, `throw` and is its own iterator. */
export function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    typeof (value as Generator)[Symbol.iterator] === 'function'
  );
}
