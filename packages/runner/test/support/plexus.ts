/**
 * Run the `plexus` command as users do — `node bin/plexus.mjs …` in a child process — and
 * collect its exit code and output. Colour is off (not a terminal).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const bin = join(__dirname, '..', '..', 'bin', 'plexus.mjs');
export const fixtures = join(__dirname, '..', 'fixtures');

export interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Start `plexus …args`; `env` is added to this process's environment. */
export function start(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = process.cwd(),
): ChildProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.on('error', () => {});
  return child;
}

/** Collect what `child` writes until it exits. */
export function finished(child: ChildProcess): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Run `plexus …args` to the end. */
export function plexus(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = process.cwd(),
): Promise<Ran> {
  return finished(start(args, env, cwd));
}
