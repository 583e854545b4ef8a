import { describe, expect, test } from '@jest/globals';
import {
  CONTENDED_REST,
  MAX_SPIN_MS,
  PREEMPTED_MS,
  REST,
  SpinWait,
} from '../src/internal/boundary/SpinWait.ts';
import { wake } from '../src/internal/scheduler.ts';

/** A port that has nothing for `empty` polls, then `message` (or nothing ever, if omitted). */
function port(empty: number, message?: unknown) {
  let polls = 0;
  return {
    get polls() {
      return polls;
    },
    poll: () => (++polls > empty && message !== undefined ? { message } : undefined),
  };
}

/**
 * A clock that moves 0.01 ms each time it is read, as a spin on a core of its own sees it (the
 * real clock would jump whenever this loaded test machine descheduled the test, which the spin
 * rightly reads as contention); `jump(ms)` makes one read leap, as a preemption would.
 */
function clock() {
  let t = 0;
  let leap = 0;
  let reads = 0;
  return {
    now: () => {
      t += 0.01;
      if (--reads === 0) t += leap;
      return t;
    },
    /** The second read from now leaps `ms` ahead (the first starts the spin). */
    jump: (ms: number) => {
      leap = ms;
      reads = 2;
    },
    get time() {
      return t;
    },
  };
}

describe('waiting a moment for the other end of a link', () => {
  test('takes a message that arrives while it spins, and hands it on', () => {
    const p = port(3, 'credit');
    const got: unknown[] = [];
    expect(new SpinWait(p.poll, clock().now).until((m) => got.push(m))).toBe(true);
    expect(got).toEqual(['credit']);
    expect(p.polls).toBe(4);
  });

  test('gives up after its longest spin when nothing comes', () => {
    const p = port(Infinity);
    const c = clock();
    expect(new SpinWait(p.poll, c.now).until(() => {})).toBe(false);
    expect(c.time).toBeGreaterThanOrEqual(MAX_SPIN_MS);
    expect(c.time).toBeLessThan(MAX_SPIN_MS + 0.05);
    expect(p.polls).toBeGreaterThan(1);
  });

  test('spins less after waiting in vain, then rests, then tries again', () => {
    const p = port(Infinity);
    const spin = new SpinWait(p.poll, clock().now);
    // Spins of 1, 0.5, 0.25, 0.125 and 0.0625 ms, all in vain; then it rests: no polls at all.
    for (let i = 0; i < 5; i++) expect(spin.until(() => {})).toBe(false);
    const polled = p.polls;
    expect(spin.until(() => {})).toBe(false);
    expect(p.polls).toBe(polled);
    for (let i = 1; i < REST; i++) expect(spin.until(() => {})).toBe(false);
    expect(p.polls).toBe(polled);
    spin.until(() => {});
    expect(p.polls).toBeGreaterThan(polled);
  });

  test('an answer restores the full spin', () => {
    let answer = false;
    let polls = 0;
    const c = clock();
    const spin = new SpinWait(() => {
      polls++;
      return answer ? { message: 1 } : undefined;
    }, c.now);
    spin.until(() => {});
    spin.until(() => {});
    answer = true;
    expect(spin.until(() => {})).toBe(true);
    answer = false;
    const start = c.time;
    spin.until(() => {});
    expect(c.time - start).toBeGreaterThanOrEqual(MAX_SPIN_MS);
    expect(polls).toBeGreaterThan(3);
  });

  test('does not spin while other work waits on the scheduler (its own wake-up aside)', async () => {
    const p = port(0, 'x');
    const spin = new SpinWait(p.poll, clock().now);
    const own = () => {};
    await new Promise<void>((resolve) => {
      wake(own, undefined);
      expect(spin.until(() => {}, own)).toBe(true);
      wake(() => {}, undefined);
      expect(spin.until(() => {}, own)).toBe(false);
      wake(resolve, undefined);
    });
    expect(p.polls).toBe(1);
  });

  test('on a busy machine (descheduled mid-spin) it stops at once and sleeps for a long while', () => {
    const c = clock();
    const q = port(Infinity);
    const contended = new SpinWait(q.poll, c.now);
    contended.until(() => {}); // a full spin in vain, undisturbed: ~100 polls
    const quiet = q.polls;
    expect(quiet).toBeGreaterThan(50);
    // The next spin is descheduled after its first poll.
    c.jump(PREEMPTED_MS * 2);
    expect(contended.until(() => {})).toBe(false);
    // It stopped right after the gap, not at the end of its spin…
    expect(q.polls - quiet).toBeLessThanOrEqual(2);
    // …and rests far longer than after spins that merely waited in vain.
    const rested = q.polls;
    for (let i = 0; i < CONTENDED_REST; i++) contended.until(() => {});
    expect(q.polls).toBe(rested);
    contended.until(() => {});
    expect(q.polls).toBeGreaterThan(rested);
  });

  test('only an endpoint that can be polled gets one', () => {
    const endpoint = { postMessage() {}, addEventListener() {}, close() {} };
    expect(SpinWait.of(endpoint)).toBeNull();
    expect(SpinWait.of({ ...endpoint, poll: () => undefined })).toBeInstanceOf(SpinWait);
  });
});
