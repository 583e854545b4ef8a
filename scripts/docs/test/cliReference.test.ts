/** docs/reference/cli.md is what `plexus --help` says today (`npm run docs:generate` writes it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { cliReference } from '../cliReference.ts';
import { root } from '../codeBlocks.ts';

test('the CLI reference is what plexus --help generates (run `npm run docs:generate` if not)', async () => {
  const page = await cliReference();
  expect(readFileSync(join(root, 'docs/reference/cli.md'), 'utf8')).toBe(page);
  for (const command of ['run', 'check', 'draw', 'inspect', 'components', 'convert', 'schema']) {
    expect(page).toContain(`## plexus ${command}\n`);
  }
});
