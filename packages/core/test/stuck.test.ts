/**
 * A program whose graph can never finish does not exit as if it had: `await g.run()` rejects,
 * naming what each component waits on, so Node prints the error and exits 1 — inline, as on
 * workers and processes. Each case runs fixtures/main.ts as a user's program would.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const root = resolve(__dirname, '../../..');

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Run fixtures/main.ts with `args`; killed after 15 s (a hang is a failure too). */
function program(...args: string[]): Promise<Ran> {
  const started = Date.now();
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [...plexusNodeArgs(), 'packages/core/test/fixtures/main.ts', ...args],
      { cwd: root, timeout: 15_000 },
      (error, stdout, stderr) =>
        done({
          code: error === null ? 0 : ((error as { code?: number }).code ?? null),
          stdout,
          stderr,
          ms: Date.now() - started,
        }),
    );
    child.on('error', () => {});
  });
}

describe('a program whose graph can never finish', () => {
  test('a cycle with no message in it fails with ERR_DEADLOCK after deadlockTimeout, exit 1', async () => {
    const ran = await program('cycle');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      "Graph 'cycle' is deadlocked: for 1000 ms every running component has been waiting on one of its boxes and no message has moved. 'a' (Echo) waits on inbox 'in' (empty; fed by 'b.out'); 'b' (Echo) waits on inbox 'in' (empty; fed by 'a.out').",
    );
    expect(ran.stderr).toContain("code: 'ERR_DEADLOCK'");
    expect(ran.stdout).toBe('');
  });

  test('a cycle that stalls after running a while is reported too', async () => {
    const ran = await program('late-cycle', '--deadlock=300');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      "'a' (Starter) waits on inbox 'in' (empty; fed by 'b.out'); 'b' (Echo) waits on inbox 'in' (empty; fed by 'a.out').",
    );
    expect(ran.stdout).toBe('');
  });

  test.each([
    ['an async body awaits', 'promise', 'Forgotten'],
    ['a generator body yields', 'generator-promise', 'StepForgotten'],
  ])(
    'when %s a promise nothing settles, the run fails with ERR_STALLED as the event loop runs dry',
    async (_, name, type) => {
      const ran = await program(name, '--deadlock=300');
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain(
        `Graph '${name}' can never finish: the program has nothing left to do (no timer, socket, thread or process is pending that could wake a component), yet its components have not finished. 'forgotten' (${type}) awaits something other than its boxes; 'echo' (Echo) waits on inbox 'in' (empty; fed by 'forgotten.out').`,
      );
      expect(ran.stderr).toContain("code: 'ERR_STALLED'");
      expect(ran.stdout).toBe('');
    },
  );

  test('with the watch off, a cycle still fails as the event loop runs dry (ERR_STALLED)', async () => {
    const ran = await program('cycle', '--deadlock=off');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      "Graph 'cycle' can never finish: the program has nothing left to do (no timer, socket, thread or process is pending that could wake a component), yet its components have not finished. 'a' (Echo) waits on inbox 'in' (empty; fed by 'b.out');",
    );
  });

  test.each([
    ['wait()', 'wait-after-end', 'Deaf'],
    ['waitAny()', 'waitAny-after-end', 'Deaf'],
    ['yield inbox', 'generator-after-end', 'StepDeaf'],
  ])(
    'a body that keeps waiting with %s after its inbox ended is reported, not left spinning',
    async (_, name, type) => {
      const ran = await program(name, '--deadlock=300');
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain(
        `'deaf' (${type}) keeps waiting on inbox 'in', which has ended. A body must end once its inbox has ended: when wait() resolves false, waitAny() undefined, or a for-await loop finishes.`,
      );
      expect(ran.stderr).toContain("code: 'ERR_DEADLOCK'");
    },
  );
});
