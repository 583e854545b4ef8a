import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { isPlexusError } from '@plexus/core';
import { liveProcesses } from '@plexus/process';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { PUBLIC, sandboxed } from '../sandbox.ts';

// Each test starts Node processes (a child sandbox, `plexus run`): seconds on a loaded machine.
jest.setTimeout(60_000);

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const plexus = join(root, 'packages/runner/bin/plexus.mjs');
const SECRET = 'examples/sandbox/files/secret/password.txt';
/** The denial, for a reader given `path`. */
const denied = (path: string) =>
  new RegExp(
    `^Component 'reader' \\(ReadFile, process \\d+\\) was denied FileSystemRead access to ${path.replaceAll('.', '\\.')} by its permission sandbox\\. Allow it in the placement's options\\.permissions if it should have it\\.$`,
  );
const DENIED = denied(SECRET);

afterEach(() => expect(liveProcesses()).toBe(0));

/** Run `g.run()` with what it writes to stdout captured, as lines. */
async function printed(g: ReturnType<typeof sandboxed>): Promise<string[]> {
  let text = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    text += chunk.toString();
    const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    await g.run();
  } finally {
    process.stdout.write = write;
  }
  return text.split('\n').slice(0, -1);
}

describe('the sandbox example', () => {
  test('the sandboxed reader reads the public file', async () => {
    expect(await printed(sandboxed(`${PUBLIC}/greeting.txt`))).toEqual([
      'Hello from the public folder.',
      'The sandbox lets the reader see this file, and nothing else.',
    ]);
  });

  test('the sandbox denies the secret, and the error names the access and the fix', async () => {
    const error = await sandboxed(SECRET)
      .run()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(DENIED);
    expect(((error as Error).cause as { code?: string }).code).toBe('ERR_ACCESS_DENIED');
  });

  test('the same reader reads the secret when the sandbox allows its folder', async () => {
    expect(await printed(sandboxed(SECRET, ['examples/sandbox/files']))).toEqual(['hunter2']);
  });

  test('main.ts shows the allowed read and the denial', async () => {
    const { stdout } = await run(
      process.execPath,
      [...plexusNodeArgs('./scripts/register-ts.mjs'), 'examples/sandbox/main.ts'],
      { cwd: root },
    );
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'The reader runs in a child process that may read only examples/sandbox/files/public/.',
      'Reading examples/sandbox/files/public/greeting.txt:',
      'Hello from the public folder.',
      'The sandbox lets the reader see this file, and nothing else.',
      `Reading ${SECRET}:`,
    ]);
    expect(lines[5]!.replace('Refused: ', '')).toMatch(DENIED);
    expect(lines.slice(6)).toEqual(['']);
    expect(stdout).not.toContain('hunter2');
  });

  test('the graph file reads the greeting, and with --set the secret is denied (exit 1)', async () => {
    const graph = 'examples/sandbox/sandbox.graph.yaml';
    // Its path is relative to the graph file: it runs from any directory.
    const allowed = await run(process.execPath, [plexus, 'run', join(root, graph)], {
      cwd: join(root, 'examples'),
    });
    expect(allowed.stdout).toBe(
      'Hello from the public folder.\nThe sandbox lets the reader see this file, and nothing else.\n',
    );
    const failed = await run(
      process.execPath,
      [plexus, 'run', graph, '--set', `reader.path=${SECRET}`],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1' },
      },
    ).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toBe('');
    // A --set path is relative to where you are, and the runner makes it absolute.
    expect((failed?.stderr ?? '').split('\n')[0]?.replace(/^plexus: /, '')).toMatch(
      denied(join(root, SECRET)),
    );
  });
});
