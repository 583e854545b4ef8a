import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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

test('the compile cache stays within PLEXUS_CACHE_MAX_MB, keeping what was used last', async () => {
  const bounded = mkdtempSync(join(tmpdir(), 'plexus-cache-bound-'));
  try {
    const old = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < 40; i++) {
      const stale = join(bounded, `stale-${i}.js`);
      writeFileSync(stale, 'x'.repeat(1024));
      utimesSync(stale, old, old);
    }
    const program = join(work, 'bounded.ts');
    writeFileSync(program, "console.log('bounded' as string);\n");
    await expect(
      run(process.execPath, ['--import', register, program], {
        env: { ...process.env, PLEXUS_CACHE_DIR: bounded, PLEXUS_CACHE_MAX_MB: String(16 / 1024) },
      }),
    ).resolves.toMatchObject({ stdout: 'bounded\n' });
    const left = readdirSync(bounded);
    const bytes = left.reduce((sum, name) => sum + statSync(join(bounded, name)).size, 0);
    expect(bytes).toBeLessThanOrEqual(16 * 1024);
    expect(left.filter((name) => !name.startsWith('stale-'))).toHaveLength(1);
  } finally {
    rmSync(bounded, { recursive: true, force: true });
  }
});
