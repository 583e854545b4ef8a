import { afterEach, expect, test } from '@jest/globals';
import { collector } from '@plexus/scenarios';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { sieve } from '../../../examples/sieve/sieve.ts';

afterEach(() => {
  expect(liveWorkers()).toBe(0);
});

test('a component on a worker can grow the graph inside its worker: the sieve, all on one worker', async () => {
  const g = sieve(60, { backend: 'worker', group: 'sieve' });
  const primes: unknown[] = [];
  g.link(g.node('report').outbox('out' as never), g.add('sink', collector(primes)).inbox('in'));
  let printed = '';
  await g.run({
    backends: [workerBackend({ stdout: (chunk) => (printed += Buffer.from(chunk)) })],
  });
  expect(printed).toBe(
    '17 primes, one filter component each:\n2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59\n',
  );
  expect(primes).toEqual([[2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]]);
  // The filters it grew are known from the worker's reports.
  expect(g.stats().components.filter((c) => c.type === 'PrimeFilter')).toHaveLength(17);
});
