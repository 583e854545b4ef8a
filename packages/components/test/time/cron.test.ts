import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { Cron } from '../../src/index.ts';
import { advance, start, useFakeClock } from './clock.ts';

useFakeClock('2024-01-01T00:00:00Z');

describe('Cron', () => {
  test('sends the scheduled times of its pattern, and ends after count', async () => {
    const { seen, done } = start(Cron, { pattern: '*/10 * * * * *', count: 3 });
    await advance(9_000);
    expect(seen).toEqual([]);
    await advance(1_000);
    expect(seen).toEqual([{ time: '2024-01-01T00:00:10.000Z', count: 0 }]);
    await advance(20_000);
    await expect(done).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([
      { time: '2024-01-01T00:00:10.000Z', count: 0 },
      { time: '2024-01-01T00:00:20.000Z', count: 1 },
      { time: '2024-01-01T00:00:30.000Z', count: 2 },
    ]);
  });

  test('reads its pattern in its time zone', async () => {
    const { seen, done } = start(Cron, {
      pattern: '0 9 * * *',
      timezone: 'Europe/Paris',
      count: 1,
    });
    await advance(8 * 3_600_000);
    await done;
    expect(seen).toEqual([{ time: '2024-01-01T08:00:00.000Z', count: 0 }]);
  });

  test('a pattern or time zone that is not valid is refused with the params', () => {
    expect(() => graph('g').add('c', Cron, { params: { pattern: '61 * * * *' } })).toThrow(
      'is not a valid cron pattern: Invalid value for minute: 61',
    );
    expect(() =>
      graph('g').add('c', Cron, { params: { pattern: '* * * * *', timezone: 'Mars/Base' } }),
    ).toThrow('is not a time zone');
  });
});
