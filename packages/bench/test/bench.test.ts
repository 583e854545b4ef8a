/**
 * The benchmark suite at tiny sizes (`--quick`): every benchmark runs, and the JSON report has
 * the expected shape. No timing is asserted — figures at these sizes mean nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';

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

function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@plexus/source', '--import', '@plexus/host/register', main, ...args],
      { cwd: root, maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The benchmarks in three groups run side by side: most of their time is waiting on starts. */
const GROUPS = [
  ['pipeline', 'threadring', 'ring', 'fanout'],
  ['worker-link', 'process-link', 'nats-link', 'parallel'],
  ['backpressure', 'startup', 'load'],
];

describe('pnpm bench --quick', () => {
  test('runs every benchmark and writes a JSON report with finite figures and ratios', async () => {
    expect(GROUPS.flat().sort()).toEqual([...NAMES].sort());
    const dir = mkdtempSync(join(tmpdir(), 'plexus-bench-test-'));
    try {
      const runs = await Promise.all(
        GROUPS.map(async (names, i) => {
          const file = join(dir, `report-${i}.json`);
          return { names, file, ...(await bench(['--quick', '--json', file, ...names])) };
        }),
      );
      for (const { names, file, code, stdout, stderr } of runs) {
        expect({ names, code, stderr: code === 0 ? '' : stderr }).toEqual({
          names,
          code: 0,
          stderr: '',
        });
        const report = JSON.parse(readFileSync(file, 'utf8'));
        expect(report.machine.cores).toBeGreaterThan(0);
        expect(report.benchmarks.map((b: { name: string }) => b.name)).toEqual(names);
        for (const b of report.benchmarks) {
          expect(stdout).toContain(`${b.name} — `);
          for (const f of b.figures) expect(Number.isFinite(f.median)).toBe(true);
          for (const v of b.verdicts) {
            expect(Number.isFinite(v.value)).toBe(true);
            if (v.target !== undefined) expect(typeof v.met).toBe('boolean');
          }
        }
        const pipeline = report.benchmarks.find((b: { name: string }) => b.name === 'pipeline');
        if (pipeline === undefined) continue;
        expect(pipeline.verdicts.map((v: { label: string }) => v.label)).toEqual(
          expect.arrayContaining([
            'Plexus ÷ hand-written queues',
            'Plexus ÷ stream.pipeline',
            'Plexus ÷ NoFlo',
          ]),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('an unknown benchmark name is refused with the list of names', async () => {
    const { code, stderr } = await bench(['pipelin']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "There is no benchmark named 'pipelin'. Choose from: pipeline, threadring",
    );
  });
});
