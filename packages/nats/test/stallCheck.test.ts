/** A timer's stall check: two periods without a tick is a stall, and each call starts afresh. */
import { afterEach, expect, jest, test } from '@jest/globals';
import { stallCheck } from '../src/internal/stallCheck.ts';

afterEach(() => {
  jest.useRealTimers();
});

test('ticks on time are no stall; more than two periods between ticks is one, once', () => {
  jest.useFakeTimers({ now: 1_000_000 });
  const stalled = stallCheck(500);
  jest.setSystemTime(1_000_500);
  expect(stalled()).toBe(false);
  jest.setSystemTime(1_001_500); // exactly two periods: not yet
  expect(stalled()).toBe(false);
  jest.setSystemTime(1_005_000); // held up 3.5 s
  expect(stalled()).toBe(true);
  jest.setSystemTime(1_005_500); // judged from the last tick, not from before the stall
  expect(stalled()).toBe(false);
});
