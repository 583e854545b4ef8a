import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const root = resolve(__dirname, '../../..');

test('the README quotes this example exactly', () => {
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const program = readFileSync(resolve(__dirname, '../main.ts'), 'utf8');
  expect(readme).toContain(`\`\`\`ts\n${program}\`\`\``);
});

test('it prints the words in capitals', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...plexusNodeArgs('./scripts/register-ts.mjs'), 'examples/hello/main.ts'],
    { cwd: root },
  );
  expect(stdout).toBe('HELLO FLOW WORLD\n');
});
