/**
 * A wait on inboxes that have already ended, again. It answers at once (`false`, or `undefined`
 * from waitAny), so a body that keeps waiting after the end never finishes: it would spin on
 * settled promises and starve every timer, socket and stop() of the thread. Such a wait is noted
 * on the component — the deadlock watch reports one that does nothing else while no message
 * moves — and answered through the scheduler's fairness budget, so the thread stays responsive.
 */
import type { BoxOwner } from './BoxOwner.ts';
import { mustPause, paused } from './scheduler.ts';

/** `settled` (or `value` at the next macrotask, once the slice is spent), noting `boxes` on `run`. */
export function waitAfterEnd<T>(
  run: BoxOwner,
  boxes: string,
  value: T,
  settled: Promise<T>,
): Promise<T> {
  noteWaitAfterEnd(run, boxes);
  return mustPause() ? paused(value) : settled;
}

/** Note that `run` waited again on `boxes` (`inbox 'in'`), which had ended. */
export function noteWaitAfterEnd(run: BoxOwner, boxes: string): void {
  run.endedWait = boxes;
  run.endedWaitAt = Date.now();
}
