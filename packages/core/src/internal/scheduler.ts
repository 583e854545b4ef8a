/**
 * The inline scheduler: when woken components run, and how the main thread stays fair.
 *
 * Batching. A message arriving at a waiting inbox (or room appearing in a full link) does
 * not resume the waiting component at once. The wake-up is queued and released when the
 * component that caused it blocks — waits on an empty inbox, sends into a full link, or
 * finishes — or, at the latest, at the next macrotask. So a producer runs ahead until its
 * link is full and the consumer then drains a whole batch: one wake-up per batch, not per
 * message, whichever body style either side uses. What arrives from another thread or process
 * (a batch, credits) is a task of its own, and releases what it woke at its end.
 *
 * Fairness. Components hand control to each other through microtasks (released wake-ups,
 * and the settled promises that `send` and `wait` return when they need not wait), which
 * could starve timers and I/O. Work runs in slices: once a slice has run for
 * {@link SLICE_MS}, wake-ups are held and every settled-promise path pauses until the next
 * macrotask, where a new slice begins.
 */
import { pending, resolvers } from './pending.ts';

/** Longest stretch of microtask-only work before the scheduler yields to timers and I/O. */
const SLICE_MS = 8;
/** Settled-promise returns between two looks at the clock. */
const BUDGET = 1024;
/** Yield points between two looks at the clock (reading it costs more than a hop). */
const CLOCK_EVERY = 32;

type Wake = (value: any) => void;

/**
 * What a wake-up runs: a promise's resolve or reject, or an object resumed in place — a
 * generator body's driver, which so needs no closure of its own.
 */
export type Waker = Wake | { resume(value: unknown): void };

const later: (fn: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (globalThis as unknown as { setImmediate: (fn: () => void) => void }).setImmediate
    : (fn) => setTimeout(fn, 0);

// The queue of wake-ups: two parallel arrays used as a FIFO from `head` to `tail`. They are
// reused, never replaced, so queueing and releasing a wake-up allocates nothing.
const fns: (Waker | undefined)[] = [];
const args: unknown[] = [];
let head = 0;
let tail = 0;
/** Wake-ups queued so far: while it grows, something is moving (the deadlock watch reads it). */
let wakes = 0;
/** A slice is open: it started at `sliceStart` and a macrotask is scheduled to end it. */
let open = false;
let sliceStart = 0;
/** The open slice has run its time: hold everything until the macrotask. */
let spent = false;
let clock = 0;
let budget = BUDGET;

function openSlice(): void {
  open = true;
  spent = false;
  sliceStart = Date.now();
  later(endSlice);
}

function endSlice(): void {
  open = false;
  spent = false;
  release();
}

function expired(): boolean {
  if (!spent && Date.now() - sliceStart >= SLICE_MS) spent = true;
  return spent;
}

/** A release is running: a yield point reached inside it asks it to go on instead of nesting. */
let releasing = false;
/** A yield point was reached inside the running release (a generator body it resumed parked). */
let again = false;
/** Rounds a release has gone on for (see `release`), for when to look at the clock. */
let rounds = 0;

/**
 * Run the wake-ups queued so far. Those queued meanwhile wait for the next release, unless a
 * generator body resumed here parked (reached a yield point) while the slice has time left:
 * then the release goes on with them, so a chain of generator bodies runs in one flat loop
 * rather than one nested call per hop.
 */
function release(): void {
  if (releasing) {
    again = true;
    return;
  }
  releasing = true;
  try {
    let end = tail;
    for (;;) {
      while (head < end) {
        const i = head++;
        const fn = fns[i]!;
        const arg = args[i];
        fns[i] = undefined;
        args[i] = undefined;
        if (typeof fn === 'function') fn(arg);
        else fn.resume(arg);
      }
      if (!again || head === tail || spent) break;
      again = false;
      // A round is one hop of a generator body (~0.1 µs): look at the clock every 256.
      if ((++rounds & 255) === 0 && expired()) break;
      if (head >= 1024) compact();
      end = tail;
    }
  } finally {
    releasing = false;
    again = false;
  }
  if (head === tail) head = tail = 0;
  else if (head >= 1024) compact();
}

/** Move the wake-ups still queued to the front, so the arrays do not grow without bound. */
function compact(): void {
  const n = tail - head;
  for (let i = 0; i < n; i++) {
    fns[i] = fns[head + i];
    args[i] = args[head + i];
  }
  // Slots before `head` were cleared as they ran; only the moved ones still hold theirs.
  const from = Math.max(n, head);
  fns.fill(undefined, from, tail);
  args.fill(undefined, from, tail);
  head = 0;
  tail = n;
}

function enqueue(fn: Waker, arg: unknown): void {
  if (tail === fns.length) {
    fns.push(fn);
    args.push(arg);
  } else {
    fns[tail] = fn;
    args[tail] = arg;
  }
  tail++;
}

/** Queue `fn(arg)` (a promise's resolve or reject) to run at the next yield point. */
export function wake(fn: Waker, arg: unknown): void {
  wakes++;
  enqueue(fn, arg);
  if (!open) openSlice();
}

/** A component is about to block: release the wake-ups queued so far, unless the slice is spent. */
export function yieldPoint(): void {
  if (head === tail || spent) return;
  if (releasing) {
    // Inside a release (a generator body it resumed is parking): it goes on with the queue.
    again = true;
    return;
  }
  if (++clock === CLOCK_EVERY) {
    clock = 0;
    if (expired()) return;
  }
  release();
}

/**
 * On a path about to return an already-settled promise: true when the slice is spent and the
 * caller should return {@link paused} instead. Looks at the clock once per {@link BUDGET} calls.
 */
export function mustPause(): boolean {
  if (--budget > 0) return false;
  budget = BUDGET;
  if (!open) {
    openSlice();
    return false;
  }
  return expired();
}

/** Queue `fn(arg)` for the next release without counting it as a wake-up (the slice is spent). */
export function hold(fn: Waker, arg: unknown): void {
  enqueue(fn, arg);
}

/** A promise that settles with `value` at the next macrotask. */
export function paused<T>(value: T): Promise<T> {
  const promise = pending<T>();
  enqueue(resolvers.resolve, value);
  return promise;
}

/** Nothing is queued to run on this thread (but `except`, if given): no wake-up waits. */
export function idle(except?: Waker): boolean {
  return head === tail || (tail - head === 1 && fns[head] === except);
}

// Idle priority (a component added with `priority: 'idle'`): its continuations wait here, and
// run only from a macrotask that finds nothing else queued on this thread, for a short turn.
const idleQueue: [Waker, unknown][] = [];
let idleScheduled = false;
let idleStart = -Infinity;
/** How long an idle-priority component runs once it gets a turn, unless other work comes. */
const IDLE_TURN_MS = 2;
/** How long to wait before looking again while other work keeps the thread busy. */
const IDLE_RETRY_MS = 1;

function runIdle(): void {
  idleScheduled = false;
  if (head !== tail || open) {
    idleScheduled = true;
    setTimeout(runIdle, IDLE_RETRY_MS);
    return;
  }
  idleStart = Date.now();
  for (const [fn, arg] of idleQueue.splice(0)) {
    if (typeof fn === 'function') fn(arg);
    else fn.resume(arg);
  }
}

/** Queue `fn(arg)` to run when nothing else on this thread has work (idle priority). */
export function wakeIdle(fn: Waker, arg: unknown): void {
  idleQueue.push([fn, arg]);
  if (!idleScheduled) {
    idleScheduled = true;
    later(runIdle);
  }
}

/** An idle-priority component may go on: nothing else is queued, and its turn has time left. */
export function idleMayRun(): boolean {
  return head === tail && Date.now() - idleStart < IDLE_TURN_MS;
}

/** A promise that settles with `value` when nothing else on this thread has work. */
export function idlePaused<T>(value: T): Promise<T> {
  const promise = pending<T>();
  wakeIdle(resolvers.resolve, value);
  return promise;
}

/** How many wake-ups have been queued since the program started. */
export function wakeCount(): number {
  return wakes;
}

/** A settled promise shared by every send that did not have to wait. */
export const RESOLVED: Promise<void> = Promise.resolve();
/** Shared results of `wait()` that need not wait. */
export const TRUE: Promise<boolean> = Promise.resolve(true);
export const FALSE: Promise<boolean> = Promise.resolve(false);
