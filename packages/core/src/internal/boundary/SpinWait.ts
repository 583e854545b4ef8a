/**
 * A short, adaptive busy-wait for the other end of a link, used inside worker threads only.
 *
 * A thread that goes back to its event loop with nothing to do sleeps, and on a shared machine
 * waking it again can take from tens of microseconds to milliseconds — far longer than the
 * other thread needs to answer. A sender out of credits, or a receiver whose inbox has just
 * been drained, therefore first polls its port for up to {@link MAX_SPIN_MS} before it lets
 * its thread sleep: if the answer comes in that time, it is taken at once. The spin adapts,
 * as the idle strategies of messaging libraries do: an answer that came keeps the full spin;
 * a spin that waited in vain halves the next, and after a few in vain the end stops spinning
 * for a while, so a link whose other side is slow (a sink that pauses, a quiet stream) costs
 * next to no CPU. Only an endpoint that can be polled (a Node MessagePort in a worker, given
 * `poll` by the host) spins; the main thread never does.
 *
 * On a busy machine a spin steals the core the other end needs: with more runnable threads
 * than cores, the thread that would answer may be waiting for this very core. The spin reads
 * the clock between polls anyway; a gap between two polls longer than {@link PREEMPTED_MS}
 * means the operating system took the core away mid-spin, so the machine is contended: the
 * spin ends at once and the end rests for {@link CONTENDED_REST} chances, sleeping in its event
 * loop (where a wake-up costs the other end nothing) until it tries again.
 */
import { idle } from '../scheduler.ts';
import type { Endpoint } from './Endpoint.ts';

/** Longest spin, in milliseconds. */
export const MAX_SPIN_MS = 1;
/** Below this, a spin is not worth starting: stop spinning for a while instead. */
const MIN_SPIN_MS = 0.05;
/** Chances to spin skipped after spins have stopped, before trying again. */
export const REST = 64;
/**
 * A gap this long between two polls of a spin: the thread was descheduled (the machine is
 * busy). A poll takes ~1 µs, and a scavenge of a worker's small young generation well under
 * this; a thread the scheduler takes off its core is usually gone for milliseconds.
 */
export const PREEMPTED_MS = 0.5;
/** Chances to spin skipped after a spin was preempted. */
export const CONTENDED_REST = 1024;

export class SpinWait {
  private spinMs = MAX_SPIN_MS;
  private resting = 0;

  constructor(
    private readonly poll: NonNullable<Endpoint['poll']>,
    /** The clock, in milliseconds (tests give their own). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A spin-wait for `endpoint` if it can be polled; otherwise `null`. */
  static of(endpoint: Endpoint): SpinWait | null {
    return endpoint.poll === undefined ? null : new SpinWait(endpoint.poll.bind(endpoint));
  }

  /**
   * Poll until a message comes (handed to `receive`, and true is returned) or the spin is over
   * (false). Does not spin while other work waits on this thread's scheduler (`own`, a
   * wake-up of the caller's, does not count).
   */
  until(receive: (message: unknown) => void, own?: (value: any) => void): boolean {
    if (this.resting > 0) {
      this.resting--;
      return false;
    }
    if (!idle(own)) return false;
    let last = this.now();
    const deadline = last + this.spinMs;
    for (;;) {
      const got = this.poll();
      if (got !== undefined) {
        this.spinMs = MAX_SPIN_MS;
        receive(got.message);
        return true;
      }
      const now = this.now();
      if (now - last > PREEMPTED_MS) {
        // Descheduled mid-spin: other threads want the cores. Sleep instead, for a good while.
        this.spinMs = MIN_SPIN_MS;
        this.resting = CONTENDED_REST;
        return false;
      }
      if (now >= deadline) break;
      last = now;
    }
    this.spinMs /= 2;
    if (this.spinMs < MIN_SPIN_MS) {
      this.spinMs = MIN_SPIN_MS;
      this.resting = REST;
    }
    return false;
  }
}
