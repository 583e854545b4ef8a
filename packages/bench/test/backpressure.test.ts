/**
 * `pnpm bench backpressure --quick`: the memory benchmark runs every placement — the sink
 * inline, on a worker, in a process; source and sink on workers, or in processes — and reports,
 * for each, the peak RSS of the whole process tree and a verdict on it. No figure is held to a
 * bound here: memory goals are the benchmark's, on a full run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';

const root = join(__dirname, '..', '..', '..');
const main = join(root, 'packages', 'bench', 'src', 'main.ts');
const PLACEMENTS = [
  'sink inline',
  'sink worker',
  'source and sink workers',
  'sink process',
  'source and sink processes',
];

interface Report {
  readonly benchmarks: readonly {
    readonly name: string;
    readonly figures: readonly { label: string; unit: string; median: number }[];
    readonly verdicts: readonly { label: string; value: number; met?: boolean }[];
    readonly notes: readonly string[];
  }[];
}

function bench(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@plexus/source', '--import', '@plexus/host/register', main, ...args],
      { cwd: root, maxBuffer: 16 << 20 },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

describe('pnpm bench backpressure --quick', () => {
  test('reports the peak RSS of the whole process tree for every placement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexus-bench-backpressure-'));
    try {
      const file = join(dir, 'report.json');
      const { code, stderr } = await bench(['backpressure', '--quick', '--json', file]);
      expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
      const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
      const backpressure = report.benchmarks.find((b) => b.name === 'backpressure')!;
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
