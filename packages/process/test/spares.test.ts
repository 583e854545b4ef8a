import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { liveProcesses, processBackend, spareProcesses } from '@plexus/process';
import { collector } from '@plexus/scenarios';
import { Count, Emit } from '@plexus/scenarios/components';
import { Spawn } from './fixtures/components.ts';
import { UnitsHere } from './fixtures/spares.ts';

afterEach(() => {
  delete process.env.PLEXUS_TEST_SPARE;
  expect(liveProcesses()).toBe(0);
});

type Report = { units: number; pid: number; env?: string };

/** Run UnitsHere in a child process once; what it reported. */
async function unitsHere(
  backend = processBackend(),
  options: Record<string, unknown> = {},
): Promise<Report> {
  const g = graph('spares');
  const items: Report[] = [];
  g.pipeline(
    g.add('count', Count, { params: { to: 1 } }),
    g.add('here', UnitsHere, { backend: 'process', options }),
    g.add('sink', collector(items)),
  );
  await g.run({ backends: [backend] });
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('spare child processes', () => {
  test('a unit that ends leaves a fresh child for the next, which is not counted as live', async () => {
    await unitsHere();
    expect(await spareProcesses()).toBeGreaterThanOrEqual(1);
    expect(liveProcesses()).toBe(0);
  });

  test('each unit has a process of its own: nothing an earlier unit left in its globals', async () => {
    const first = await unitsHere();
    await spareProcesses();
    const second = await unitsHere();
    expect([first.units, second.units]).toEqual([1, 1]);
    expect(second.pid).not.toBe(first.pid);
  });

  test('a unit sees the environment as it is when it starts, not as it was when its spare started', async () => {
    await unitsHere();
    expect(await spareProcesses()).toBeGreaterThanOrEqual(1);
    process.env.PLEXUS_TEST_SPARE = 'set after the spare started';
    expect((await unitsHere()).env).toBe('set after the spare started');
  });

  test('a module that fails as the unit starts is named, with its component and backend', async () => {
    const failing = processBackend({ stderr: () => {} });
    const options = { env: { PLEXUS_TEST_LOAD_FAILS: '1' } };
    for (let round = 0; round < 2; round++) {
      // The second time, in a spare started on the same bundle and settings.
      const error = await unitsHere(failing, options).catch((e: unknown) => e);
      expect(isPlexusError(error, 'ERR_NOT_IMPORTABLE')).toBe(true);
      expect((error as Error).message).toMatch(
        /^Component 'here' \(UnitsHere\) is placed on backend 'process'.*this module refuses to load here/s,
      );
      await spareProcesses();
    }
  });

  test('what a spare printed before its unit took it goes to that unit’s stderr', async () => {
    let printed = '';
    const backend = processBackend({ stderr: (chunk) => (printed += Buffer.from(chunk)) });
    const run = async () => {
      const g = graph();
      const items: unknown[] = [];
      g.pipeline(
        g.add('go', Emit, { params: { items: [1] } }),
        g.add('spawner', Spawn, {
          backend: 'process',
          options: { permissions: { childProcess: true } },
        }),
        g.add('sink', collector(items)),
      );
      await g.run({ backends: [backend] });
    };
    await run();
    // Node warns as the child starts: the spare has warned before the next unit takes it.
    expect(await spareProcesses()).toBeGreaterThanOrEqual(1);
    printed = '';
    await run();
    expect(printed).toContain('SecurityWarning: The flag --allow-child-process');
  });

  test('a spare that died while it waited is not taken: the unit gets a fresh child', async () => {
    await unitsHere();
    expect(await spareProcesses()).toBeGreaterThanOrEqual(1);
    // This process's only children now are spares (the unit's child has been reaped).
    const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === 'node')
      .map(([pid]) => Number(pid));
    expect(children.length).toBeGreaterThanOrEqual(1);
    for (const pid of children) process.kill(pid, 'SIGKILL');
    // Their exits are seen before the next run starts.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const report = await unitsHere();
    expect(children).not.toContain(report.pid);
    expect(report.units).toBe(1);
  });

  test('with spares: false, a unit that ends leaves no child behind', async () => {
    const before = await spareProcesses();
    await unitsHere(processBackend({ spares: false }));
    expect(await spareProcesses()).toBe(before);
  });
});
