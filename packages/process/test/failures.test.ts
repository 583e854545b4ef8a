import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { liveProcesses, processBackend } from '@plexus/process';
import { collector, sourceFrame } from '@plexus/scenarios';
import { Count, FailOn, Forever, Pass } from '@plexus/scenarios/components';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { Deaf, Die, Hog } from './fixtures/components.ts';
import { runFixture } from './runFixture.ts';

/** What the children printed on stderr: the failures here are on purpose, and so is their noise. */
let printed = '';
const backends = [
  processBackend({ stderr: (chunk) => (printed += Buffer.from(chunk).toString()) }),
];
const root = resolve(__dirname, '../../..');

afterEach(() => {
  expect(liveProcesses()).toBe(0);
  printed = '';
});

async function failure(g: ReturnType<typeof graph>): Promise<Error & Record<string, unknown>> {
  try {
    await g.run({ backends });
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the run to fail');
}

describe('failures in a child process', () => {
  test('an exception names the component, its process and keeps the stack of the component’s own file', async () => {
    const g = graph();
    g.pipeline(
      g.add('count', Count),
      g.add('picky', FailOn, { params: { value: 4 }, backend: 'process' }),
      g.add('sink', collector([])),
    );
    const error = await failure(g);
    expect(error.message).toMatch(
      /^Component 'picky' \(FailOn, process \d+\) failed: RangeError: refusing 4/,
    );
    expect(error).toMatchObject({
      component: 'picky',
      backend: 'process',
      box: 'in',
      involved: '4',
    });
    expect(error.stack?.split('\n')[1]).toContain(
      `scenarios/src/${sourceFrame('new RangeError(`refusing')})`,
    );
  });

  test.each([
    ['exit', /exited with code 3/, /^$/],
    ['kill', /was killed by SIGKILL/, /^$/],
    ['abort', /aborted \(SIGABRT\)/, /Native stack trace/],
  ] as const)(
    'a child that ends itself by %s fails the graph, naming the pid',
    async (how, what, said) => {
      const g = graph();
      g.pipeline(
        g.add('count', Count, { params: { to: 1 } }),
        g.add('dying', Die, { params: { how }, backend: 'process' }),
      );
      const error = await failure(g);
      expect(isPlexusError(error, 'ERR_UNIT_DIED')).toBe(true);
      expect(error.message).toMatch(
        new RegExp(
          `^The process \\d+ running 'dying' \\(Die\\) ${what.source} before its components had finished\\.$`,
        ),
      );
      expect(printed).toMatch(said);
    },
  );

  test('a child that runs out of memory under its cap fails the graph, saying so', async () => {
    const g = graph();
    g.pipeline(
      g.add('count', Count, { params: { to: 1 } }),
      g.add('hog', Hog, { backend: 'process', options: { memoryMb: 48 } }),
    );
    const error = await failure(g);
    expect(error.message).toMatch(
      /^The process \d+ running 'hog' \(Hog\) ran out of memory \(its heap is capped at 48 MB\) before its components had finished\.$/,
    );
    expect(printed).toContain('FATAL ERROR: Reached heap limit');
  }, 30_000);

  test('a failure stops the other children, and every child is reaped', async () => {
    const g = graph();
    g.pipeline(
      g.add('forever', Forever, { backend: 'process' }),
      g.add('pass', Pass, { backend: 'process' }),
      g.add('sink', collector([])),
    );
    g.pipeline(
      g.add('count', Count),
      g.add('picky', FailOn, { params: { value: 2 }, backend: 'process' }),
      g.add('sink2', collector([])),
    );
    const error = await failure(g);
    expect(error.component).toBe('picky');
    expect(Object.fromEntries(g.stats().components.map((c) => [c.name, c.state]))).toMatchObject({
      forever: 'stopped',
      // pass may finish by itself first: its input ended when forever stopped.
      pass: expect.stringMatching(/^(stopped|ended)$/),
      picky: 'failed',
    });
  });
});

describe('stopping children', () => {
  test('a child whose component ignores stop is killed after the stop timeout, and named', async () => {
    const g = graph('main');
    g.add('deaf', Deaf, { backend: 'process' });
    const done = g.run({ backends, stopTimeout: 200 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await g.stop();
    const error = await done.catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_STOP_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain("'deaf' (Deaf) kept running");
    expect(g.stats().components[0]).toMatchObject({ state: 'stopped', reason: 'unresponsive' });
  });
});

describe('no orphans', () => {
  test('children exit when their parent is killed with SIGKILL', async () => {
    const parent = spawn(
      process.execPath,
      [...plexusNodeArgs(), 'packages/process/test/fixtures/orphan.sigkill.ts'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const child = await new Promise<number>((resolvePid, reject) => {
      parent.on('error', reject);
      parent.stdout.on('data', (chunk: Buffer) => {
        const match = /child (\d+)/.exec(chunk.toString());
        if (match !== null) resolvePid(Number(match[1]));
      });
    });
    expect(isAlive(child)).toBe(true);
    parent.kill('SIGKILL');
    await new Promise((resolveExit) => parent.once('exit', resolveExit));
    const deadline = Date.now() + 5000;
    while (isAlive(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(child)).toBe(false);
  }, 30_000);
});

describe('what a run leaves behind', () => {
  /** Run the bundles fixture with a temporary directory of its own; `plant` fills it first. */
  function leftBehind(plant: (dir: string) => void = () => {}) {
    const scratch = mkdtempSync(join(tmpdir(), 'plexus-bundles-test-'));
    try {
      plant(scratch);
      const run = runFixture('bundles.exit.ts', { TMPDIR: scratch });
      const left = readdirSync(scratch).filter((name) => /^plexus-(bundles|sockets)-/.test(name));
      return { run, left: left.sort() };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  test('the bundles its children ran, and their sockets’ directory, are removed when the parent exits', () => {
    const { run, left } = leftBehind();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/during: .*plexus-bundles-/);
    expect(run.stdout).toMatch(/during: .*plexus-sockets-/);
    expect(left).toEqual([]);
  }, 30_000);

  test('what a killed parent left behind is removed by the next one, and nothing of the living', () => {
    // A process that has exited: its pid is free (until the system reuses it).
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
      encoding: 'utf8',
    });
    const dead = Number(gone.stdout.trim());
    const { run, left } = leftBehind((dir) => {
      mkdirSync(join(dir, `plexus-bundles-${dead}-AbCdEf`));
      mkdirSync(join(dir, `plexus-sockets-${dead}-AbCdEf`));
      mkdirSync(join(dir, `plexus-bundles-${process.pid}-AbCdEf`));
      mkdirSync(join(dir, 'plexus-bundles-other'));
    });
    expect(run.status).toBe(0);
    expect(left).toEqual([`plexus-bundles-${process.pid}-AbCdEf`, 'plexus-bundles-other']);
  }, 30_000);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
