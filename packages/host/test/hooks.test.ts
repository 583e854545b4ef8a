import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from '@jest/globals';

const run = promisify(execFile);
const cache = mkdtempSync(join(tmpdir(), 'plexus-cache-test-'));
const work = mkdtempSync(join(tmpdir(), 'plexus-ts-test-'));
const register = resolve(__dirname, '../register.mjs');

afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const node = (file: string) =>
  run(process.execPath, ['--import', register, file], {
    env: { ...process.env, PLEXUS_CACHE_DIR: cache },
  });

test('a TypeScript program runs without a pre-build, and compiles once per change', async () => {
  const program = join(work, 'typed.ts');
  copyFileSync(resolve(__dirname, 'fixtures/typed.ok.ts'), program);
  await expect(node(program)).resolves.toMatchObject({ stdout: 'compiled on demand\n' });
  expect(readdirSync(cache)).toHaveLength(1);
  await expect(node(program)).resolves.toMatchObject({ stdout: 'compiled on demand\n' });
  expect(readdirSync(cache)).toHaveLength(1);
  writeFileSync(program, "console.log('changed' as string);\n");
  await expect(node(program)).resolves.toMatchObject({ stdout: 'changed\n' });
  expect(readdirSync(cache)).toHaveLength(2);
});
