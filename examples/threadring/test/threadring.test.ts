import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const root = resolve(__dirname, '../../..');

/** The `Thread` definition, as it appears in threadring.ts. */
function threadDefinition(): string {
  const source = readFileSync(resolve(__dirname, '../threadring.ts'), 'utf8');
  const start = source.indexOf('export const Thread = ');
  return source.slice(start, source.indexOf('\n});\n', start) + 4);
}

describe('the thread-ring example', () => {
  test('the components concept page quotes its Thread component exactly', () => {
    const page = readFileSync(resolve(root, 'docs/concepts/components.md'), 'utf8');
    expect(threadDefinition()).toContain('*body({ inbox, outbox, params }): Steps {');
    expect(page).toContain(`\`\`\`ts\n${threadDefinition()}\n\`\`\`\n`);
  });

  test.each(['inline', 'worker', 'process'])(
    'on %s, prints 498 for 1,000 hops, the Benchmarks Game reference output',
    async (backend) => {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [
          ...plexusNodeArgs('./scripts/register-ts.mjs'),
          'examples/threadring/main.ts',
          '1000',
          backend,
        ],
        { cwd: root },
      );
      expect(stdout).toBe('498\n');
      expect(stderr).toContain(`1,000 hops in `);
      expect(stderr).toContain(` s on ${backend}`);
    },
  );
});
