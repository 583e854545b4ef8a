/**
 * The benchmark suite at tiny sizes (`--quick`): every benchmark runs, the JSON report has the
 * expected shape, and the memory benchmark reports the peak RSS of the whole process tree for
 * every placement. No timing or memory bound is asserted — figures at these sizes mean nothing,
 * and memory goals are the benchmark's, on a full run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const root = join(__dirname, '..', '..', '..');
const main = join(root, 'packages', 'bench', 'src', 'main.ts');
const NAMES = [
  'pipeline',
  'threadring',
  'ring',
  'fanout',
  'worker-link',
  'process-link',
  'nats-link',
  'parallel',
  'backpressure',
  'startup',
  'load',
];
/** The benchmarks in three groups run side by side: most of their time is waiting on starts. */
const GROUPS = [
  ['pipeline', 'threadring', 'ring', 'fanout'],
  ['worker-link', 'process-link', 'nats-link', 'parallel'],
  ['backpressure', 'startup', 'load'],
];
const PLACEMENTS = [
  'sink inline',
  'sink worker',
  'source and sink workers',
  'sink process',
  'source and sink processes',
];

interface Benchmark {
  readonly name: string;
  readonly figures: readonly { label: string; unit: string; median: number }[];
  readonly verdicts: readonly { label: string; value: number; target?: number; met?: boolean }[];
  readonly notes: readonly string[];
}

interface Run {
  readonly names: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: { machine: { cores: number }; benchmarks: Benchmark[] } | undefined;
}

function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...plexusNodeArgs(), main, ...args],
      { cwd: root, maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'plexus-bench-test-'));
let runs: Run[] = [];

beforeAll(async () => {
  runs = await Promise.all(
    GROUPS.map(async (names, i) => {
      const file = join(dir, `report-${i}.json`);
      const ran = await bench(['--quick', '--json', file, ...names]);
      const report = ran.code === 0 ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
      return { names, ...ran, report };
    }),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm bench --quick', () => {
  test('runs every benchmark and writes a JSON report with finite figures and ratios', () => {
    expect(GROUPS.flat().sort()).toEqual([...NAMES].sort());
    for (const { names, code, stdout, stderr, report } of runs) {
      expect({ names, code, stderr: code === 0 ? '' : stderr }).toEqual({
        names,
        code: 0,
        stderr: '',
      });
      expect(report!.machine.cores).toBeGreaterThan(0);
      expect(report!.benchmarks.map((b) => b.name)).toEqual(names);
      for (const b of report!.benchmarks) {
        expect(stdout).toContain(`${b.name} — `);
        for (const f of b.figures) expect(Number.isFinite(f.median)).toBe(true);
        for (const v of b.verdicts) {
          expect(Number.isFinite(v.value)).toBe(true);
          if (v.target !== undefined) expect(typeof v.met).toBe('boolean');
        }
      }
    }
    expect(benchmark('pipeline').verdicts.map((v) => v.label)).toEqual(
      expect.arrayContaining([
        'Plexus ÷ hand-written queues',
        'Plexus ÷ stream.pipeline',
        'Plexus ÷ NoFlo',
      ]),
    );
  });

  test('the memory benchmark reports the peak RSS of the whole process tree for every placement', () => {
    const backpressure = benchmark('backpressure');
    if (backpressure.notes.some((note) => note.startsWith('Skipped'))) return; // no /proc
    for (const placement of PLACEMENTS) {
      const peak = backpressure.figures.find(
        (f) => f.label === `${placement}: peak RSS, all processes`,
      );
      expect({ placement, unit: peak?.unit }).toEqual({ placement, unit: 'bytes' });
      // At least one Node process's worth: the sample covers the trial process itself.
      expect(peak!.median).toBeGreaterThan(10 * 1024 * 1024);
      const verdict = backpressure.verdicts.find((v) => v.label === `peak RSS, ${placement}`);
      expect(verdict!.value).toBeGreaterThanOrEqual(peak!.median);
      expect(typeof verdict?.met).toBe('boolean');
    }
    const issue21 = backpressure.verdicts.find(
      (v) => v.label === 'peak RSS, source and sink processes (issue 21)',
    );
    expect(typeof issue21?.met).toBe('boolean');
  });

  test('an unknown benchmark name is refused with the list of names', async () => {
    const { code, stderr } = await bench(['pipelin']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "There is no benchmark named 'pipelin'. Choose from: pipeline, threadring",
    );
  });
});

/** The report of benchmark `name`, from whichever group ran it. */
function benchmark(name: string): Benchmark {
  const found = runs.flatMap((run) => run.report?.benchmarks ?? []).find((b) => b.name === name);
  expect(found?.name).toBe(name);
  return found!;
}
