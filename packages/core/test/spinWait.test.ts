import { describe, expect, test } from '@jest/globals';
import { MAX_SPIN_MS, REST, SpinWait } from '../src/internal/boundary/SpinWait.ts';
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

describe('waiting a moment for the other end of a link', () => {
  test('takes a message that arrives while it spins, and hands it on', () => {
    const p = port(3, 'credit');
    const got: unknown[] = [];
    expect(new SpinWait(p.poll).until((m) => got.push(m))).toBe(true);
    expect(got).toEqual(['credit']);
    expect(p.polls).toBe(4);
  });

  test('gives up after at most its longest spin when nothing comes', () => {
    const p = port(Infinity);
    const start = performance.now();
    expect(new SpinWait(p.poll).until(() => {})).toBe(false);
    const took = performance.now() - start;
    expect(took).toBeGreaterThanOrEqual(MAX_SPIN_MS);
    expect(took).toBeLessThan(MAX_SPIN_MS + 250);
    expect(p.polls).toBeGreaterThan(1);
  });

  test('spins less after waiting in vain, then rests, then tries again', () => {
    const p = port(Infinity);
    const spin = new SpinWait(p.poll);
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
    const spin = new SpinWait(() => {
      polls++;
      return answer ? { message: 1 } : undefined;
    });
    spin.until(() => {});
    spin.until(() => {});
    answer = true;
    expect(spin.until(() => {})).toBe(true);
    answer = false;
    const start = performance.now();
    spin.until(() => {});
    expect(performance.now() - start).toBeGreaterThanOrEqual(MAX_SPIN_MS);
    expect(polls).toBeGreaterThan(3);
  });

  test('does not spin while other work waits on the scheduler (its own wake-up aside)', async () => {
    const p = port(0, 'x');
    const spin = new SpinWait(p.poll);
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

  test('only an endpoint that can be polled gets one', () => {
    const endpoint = { postMessage() {}, addEventListener() {}, close() {} };
    expect(SpinWait.of(endpoint)).toBeNull();
    expect(SpinWait.of({ ...endpoint, poll: () => undefined })).toBeInstanceOf(SpinWait);
  });
});
