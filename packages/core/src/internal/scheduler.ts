/**
 * The inline scheduler: when woken components run.
 *
 * A message arriving at a waiting inbox (or room appearing in a full link) does not resume
 * the waiting component at once. The wake-up is queued and released when the component that
 * caused it blocks — waits on an empty inbox, sends into a full link, or finishes — or, at
 * the latest, at the next macrotask. So a producer runs ahead until its link is full and the
 * consumer then drains a whole batch: one wake-up per batch, not per message, whichever body
 * style either side uses.
 *
 * Fairness: components hand control to each other through microtasks, which could starve
 * timers and I/O. Once a slice of work has run for {@link SLICE_MS}, wake-ups wait for the
 * next macrotask.
 */

/** Longest stretch of microtask-only work before the scheduler yields to timers and I/O. */
export const SLICE_MS = 8;

type Wake = (value: any) => void;

const later: (fn: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (globalThis as unknown as { setImmediate: (fn: () => void) => void }).setImmediate
    : (fn) => setTimeout(fn, 0);

let fns: Wake[] = [];
let args: unknown[] = [];
let scheduled = false;
let sliceStart = 0;
let spent = false;
let untilClock = 0;

/** Queue `fn(arg)` (a promise's resolve or reject) to run at the next yield point. */
export function wake(fn: Wake, arg: unknown): void {
  fns.push(fn);
  args.push(arg);
  if (!scheduled) {
    scheduled = true;
    sliceStart = Date.now();
    spent = false;
    later(onMacrotask);
  }
}

/** A component is about to block: release the wake-ups queued so far, unless the slice is spent. */
export function yieldPoint(): void {
  if (fns.length === 0 || spent) return;
  // Reading the clock costs more than a hop between components: look every 32 yield points.
  if (++untilClock === 32) {
    untilClock = 0;
    if (Date.now() - sliceStart >= SLICE_MS) {
      spent = true;
      return;
    }
  }
  release();
}

function onMacrotask(): void {
  scheduled = false;
  release();
}

function release(): void {
  const due = fns;
  const values = args;
  fns = [];
  args = [];
  for (let i = 0; i < due.length; i++) due[i]!(values[i]);
}

/** A settled promise shared by every send that did not have to wait. */
export const RESOLVED: Promise<void> = Promise.resolve();
/** Shared results of `wait()` that need not wait. */
export const TRUE: Promise<boolean> = Promise.resolve(true);
export const FALSE: Promise<boolean> = Promise.resolve(false);
