import { afterEach, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count } from '@plexus/scenarios/components';
import { liveWorkers, spareWorkers, workerBackend } from '@plexus/worker';
import { UnitsHere, YoungLimit } from './fixtures/components.ts';

afterEach(() => {
  delete process.env.PLEXUS_TEST_SPARE;
  expect(liveWorkers()).toBe(0);
});

type Report = { units: number; thread: number; env?: string };

/** Run UnitsHere on a worker once; what it reported. */
async function unitsHere(backend = workerBackend()): Promise<Report> {
  const g = graph('spares');
  const items: Report[] = [];
  g.pipeline(
    g.add('count', Count, { params: { to: 1 } }),
    g.add('here', UnitsHere, { backend: 'worker' }),
    g.add('sink', collector(items)),
  );
  await g.run({ backends: [backend] });
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('spare worker threads', () => {
  test('a unit that ends leaves a fresh thread for the next, which is not counted as live', async () => {
    await unitsHere();
    expect(await spareWorkers()).toBeGreaterThanOrEqual(1);
    expect(liveWorkers()).toBe(0);
  });

  test('each unit has a thread of its own: nothing an earlier unit left in its globals', async () => {
    const first = await unitsHere();
    await spareWorkers();
    const second = await unitsHere();
    expect([first.units, second.units]).toEqual([1, 1]);
    expect(second.thread).not.toBe(first.thread);
  });

  test('a unit sees the environment as it is when it starts, not as it was when its spare started', async () => {
    await unitsHere();
    expect(await spareWorkers()).toBeGreaterThanOrEqual(1);
    process.env.PLEXUS_TEST_SPARE = 'set after the spare started';
    expect((await unitsHere()).env).toBe('set after the spare started');
  });

  test('a unit with other resource limits does not take a spare started with the defaults', async () => {
    await unitsHere();
    expect(await spareWorkers()).toBeGreaterThanOrEqual(1);
    const g = graph('limits');
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 1 } }),
      g.add('young', YoungLimit, {
        backend: 'worker',
        options: { resourceLimits: { maxYoungGenerationSizeMb: 12 } },
      }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends: [workerBackend()] });
    expect(items).toEqual([12]);
  });

  test('with spares: false, a unit that ends leaves no thread behind', async () => {
    // Spares left by the tests above end after their idle time; wait for none of them.
    const before = await spareWorkers();
    await unitsHere(workerBackend({ spares: false }));
    expect(await spareWorkers()).toBe(before);
  });
});
