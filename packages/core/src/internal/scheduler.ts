/**
 * The inline scheduler's one job beyond the event loop: fairness. Components hand control to
 * each other through promise resolutions (microtasks). A busy graph could chain microtasks
 * forever and starve timers and I/O, so wake-ups are deferred to the next macrotask once the
 * current slice has run for {@link SLICE_MS}.
 */

/** Longest stretch of microtask-only work before the scheduler yields to timers and I/O. */
export const SLICE_MS = 8;

type Wake = (value: any) => void;

const later: (fn: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (globalThis as unknown as { setImmediate: (fn: () => void) => void }).setImmediate
    : (fn) => setTimeout(fn, 0);

let sliceOpen = false;
let sliceStart = 0;
let deferredFns: Wake[] = [];
let deferredArgs: unknown[] = [];

function closeSlice(): void {
  sliceOpen = false;
  const fns = deferredFns;
  const args = deferredArgs;
  deferredFns = [];
  deferredArgs = [];
  for (let i = 0; i < fns.length; i++) fns[i]!(args[i]);
}

/** Call `fn(arg)` now, or at the next macrotask if this slice has run long enough. */
export function wake(fn: Wake, arg: unknown): void {
  if (!sliceOpen) {
    sliceOpen = true;
    sliceStart = Date.now();
    later(closeSlice);
  } else if (deferredFns.length > 0 || Date.now() - sliceStart >= SLICE_MS) {
    deferredFns.push(fn);
    deferredArgs.push(arg);
    return;
  }
  fn(arg);
}

/** A settled promise shared by every send that did not have to wait. */
export const RESOLVED: Promise<void> = Promise.resolve();
/** Shared results of `wait()` that need not wait. */
export const TRUE: Promise<boolean> = Promise.resolve(true);
export const FALSE: Promise<boolean> = Promise.resolve(false);
