import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { collector, sourceFrame } from '@plexus/scenarios';
import { Count, FailOn, Forever, Pass } from '@plexus/scenarios/components';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { Deaf, Exit, Hog, Uncaught } from './fixtures/components.ts';

const backends = [workerBackend()];

afterEach(() => {
  // No orphan threads after completion, failure or stop.
  expect(liveWorkers()).toBe(0);
});

async function failure(
  g: ReturnType<typeof graph>,
  options = {},
): Promise<Error & Record<string, unknown>> {
  try {
    await g.run({ backends, ...options });
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the run to fail');
}

describe('failures on a worker', () => {
  test('an exception names the component, its backend and thread, and keeps the remote stack', async () => {
    const g = graph();
    g.pipeline(
      g.add('count', Count),
      g.add('picky', FailOn, { params: { value: 4 }, backend: 'worker' }),
      g.add('sink', collector([])),
    );
    const error = await failure(g);
    expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(error.message).toMatch(
      /^Component 'picky' \(FailOn, worker thread \d+\) failed: RangeError: refusing 4 \(the last message it received, on inbox 'in', was 4\)\.$/,
    );
    expect(error).toMatchObject({
      component: 'picky',
      type: 'FailOn',
      backend: 'worker',
      box: 'in',
      involved: '4',
    });
    expect(error.where).toMatch(/^worker thread \d+$/);
    expect(error.stack?.split('\n')[1]).toContain(
      `scenarios/src/${sourceFrame('new RangeError(`refusing')})`,
    );
  });

  test('a worker that calls process.exit fails the graph, naming the thread and its components', async () => {
    const g = graph();
    g.pipeline(
      g.add('count', Count),
      g.add('quitter', Exit, { params: { at: 3 }, backend: 'worker' }),
      g.add('sink', collector([])),
    );
    const error = await failure(g);
    expect(isPlexusError(error, 'ERR_UNIT_DIED')).toBe(true);
    expect(error.message).toMatch(
      /^The worker thread \d+ running 'quitter' \(Exit\) exited with code 3 before its components had finished\.$/,
    );
  });

  test('an uncaught exception in a worker fails the graph', async () => {
    const g = graph();
    g.pipeline(
      g.add('count', Count, { params: { to: 1 } }),
      g.add('careless', Uncaught, { backend: 'worker' }),
    );
    const error = await failure(g);
    expect(error.message).toMatch(
      /^The worker thread \d+ running 'careless' \(Uncaught\) failed with an uncaught TypeError: uncaught at 1 before its components had finished\.$/,
    );
  });

  test('a worker that runs out of memory under its resourceLimits fails the graph', async () => {
    const g = graph();
    g.pipeline(
      g.add('count', Count, { params: { to: 1 } }),
      g.add('hog', Hog, {
        backend: 'worker',
        options: { resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 8 } },
      }),
    );
    const error = await failure(g);
    expect(error.message).toMatch(
      /^The worker thread \d+ running 'hog' \(Hog\) ran out of memory \(its resourceLimits are .*"maxOldGenerationSizeMb":24.*\) before its components had finished\.$/,
    );
  }, 30_000);

  test('a failure on one worker stops the others, and every thread is terminated', async () => {
    const g = graph();
    g.pipeline(
      g.add('forever', Forever, { backend: 'worker' }),
      g.add('pass', Pass, { backend: 'worker' }),
      g.add('sink', collector([])),
    );
    g.pipeline(
      g.add('count', Count),
      g.add('picky', FailOn, { params: { value: 2 }, backend: 'worker' }),
      g.add('sink2', collector([])),
    );
    const error = await failure(g);
    expect(error.component).toBe('picky');
    const states = Object.fromEntries(g.stats().components.map((c) => [c.name, c.state]));
    // pass may finish by itself first: its input ended when forever stopped.
    expect(states).toMatchObject({
      forever: 'stopped',
      pass: expect.stringMatching(/^(stopped|ended)$/),
      picky: 'failed',
    });
  });
});

describe('stopping workers', () => {
  test('stop() ends workers that cooperate, and the run resolves as stopped', async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('forever', Forever, { backend: 'worker' }),
      g.add('pass', Pass, { backend: 'worker' }),
      g.add('sink', collector(items)),
    );
    const done = g.run({ backends });
    while (items.length < 100) await new Promise((resolve) => setTimeout(resolve, 5));
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('a worker whose component ignores stop is terminated after the stop timeout, and named', async () => {
    const g = graph('main');
    g.add('deaf', Deaf, { backend: 'worker' });
    const done = g.run({ backends, stopTimeout: 200 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await g.stop();
    const error = await done.catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_STOP_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain(
      "Graph 'main' did not stop within 200 ms: 'deaf' (Deaf) kept running.",
    );
    expect(g.stats().components[0]).toMatchObject({ state: 'stopped', reason: 'unresponsive' });
  });
});

describe('a run that fails before its workers start', () => {
  test('lets the program exit by itself (fixtures/notImportable.exit.ts)', async () => {
    const root = join(__dirname, '..', '..', '..');
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [...plexusNodeArgs(), 'packages/worker/test/fixtures/notImportable.exit.ts'],
        { cwd: root, timeout: 20_000 },
        (_error, stdout) => resolve({ code: child.exitCode, stdout }),
      );
    });
    expect(result.stdout).toBe('failed: ERR_NOT_IMPORTABLE\n');
    expect(result.code).toBe(0);
  }, 30_000);
});
