import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { runFixture } from './runFixture.ts';

describe('PLEXUS_CPU_PROF', () => {
  test('makes every worker thread and child process write a CPU profile into the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexus-profile-test-'));
    try {
      const run = runFixture('profile.exit.ts', { PLEXUS_CPU_PROF: dir });
      expect(run.stdout).toContain('done');
      expect(run.status).toBe(0);
      const profiles = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
      // One per thread or process started with the option: the worker, the child, and from
      // source each one's module-loading thread too.
      const pids = new Set(profiles.map((name) => name.split('.')[3]));
      expect(pids.size).toBeGreaterThanOrEqual(2);
      const threads = profiles.filter((name) => name.split('.')[4] !== '0');
      expect(threads.length).toBeGreaterThanOrEqual(1);
      for (const name of profiles) {
        const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { nodes: unknown[] };
        expect(profile.nodes.length).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('adds nothing when it is not set', async () => {
    const { cpuProfileArgv } = await import('@plexus/host');
    const saved = process.env.PLEXUS_CPU_PROF;
    delete process.env.PLEXUS_CPU_PROF;
    try {
      expect(cpuProfileArgv()).toEqual([]);
      process.env.PLEXUS_CPU_PROF = '/tmp/x';
      expect(cpuProfileArgv()).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/x']);
    } finally {
      if (saved === undefined) delete process.env.PLEXUS_CPU_PROF;
      else process.env.PLEXUS_CPU_PROF = saved;
    }
  });
});
