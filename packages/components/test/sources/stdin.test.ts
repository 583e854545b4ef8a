import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../../scripts/testing/plexusNodeArgs.ts';

const root = join(__dirname, '../../../..');
const fixture = 'packages/components/test/fixtures/stdinLines.ts';

function start(...args: string[]) {
  const child = spawn(process.execPath, [...plexusNodeArgs(), fixture, ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    },
  );
  return { child, exit };
}

describe('Stdin', () => {
  test('reads standard input line by line and ends when it closes', async () => {
    const { child, exit } = start();
    child.stdin.write('first\r\nsecond\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    child.stdin.end('third, unterminated');
    const { code, stdout, stderr } = await exit;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      result: { status: 'completed' },
      seen: ['first', 'second', 'third, unterminated'],
    });
  });

  test('a stop while stdin is still open ends the run and lets the process exit', async () => {
    const { child, exit } = start('stop');
    child.stdin.write('only line\n');
    const { code, stdout } = await exit; // stdin is never closed by the test
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ result: { status: 'stopped' }, seen: ['only line'] });
    child.stdin.destroy();
  });
});
