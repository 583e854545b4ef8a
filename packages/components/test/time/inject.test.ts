import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { Inject } from '../../src/index.ts';
import { advance, start, useFakeClock } from './clock.ts';

useFakeClock('2024-01-01T00:00:00Z');

describe('Inject', () => {
  test('sends { topic, payload } once at start and ends; the payload defaults to the time', async () => {
    const once = start(Inject, { topic: 'go', payload: { mode: 'full' } });
    await once.done;
    expect(once.seen).toEqual([{ topic: 'go', payload: { mode: 'full' } }]);
    const stamped = start(Inject, {});
    await stamped.done;
    expect(stamped.seen).toEqual([{ payload: Date.parse('2024-01-01T00:00:00Z') }]);
  });

  test('with intervalMs, sends on that beat (and at start with once) until count', async () => {
    const { seen, done } = start(Inject, { payload: 1, intervalMs: 1_000, once: true, count: 3 });
    await advance(0);
    expect(seen).toHaveLength(1);
    await advance(1_000);
    expect(seen).toHaveLength(2);
    await advance(1_000);
    await done;
    expect(seen).toEqual([{ payload: 1 }, { payload: 1 }, { payload: 1 }]);
  });

  test('with cron, sends at its times; delayMs delays the start', async () => {
    const { seen, done } = start(Inject, {
      payload: 'x',
      cron: '0 * * * *',
      count: 2,
      delayMs: 500,
    });
    await advance(3_600_000);
    expect(seen).toHaveLength(1);
    await advance(3_600_000);
    await done;
    expect(seen).toHaveLength(2);
  });

  test('takes intervalMs or cron, not both', () => {
    expect(() =>
      graph('g').add('i', Inject, { params: { intervalMs: 5, cron: '* * * * *' } }),
    ).toThrow("takes 'intervalMs' or 'cron', not both");
  });
});
