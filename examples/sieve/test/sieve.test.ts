import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { sieve } from '../sieve.ts';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');

describe('the sieve example', () => {
  test('grows one filter per prime and reports the primes in order', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    let g: ReturnType<typeof sieve>;
    try {
      g = sieve(50);
      await g.run();
    } finally {
      console.log = log;
    }
    expect(lines).toEqual([
      '15 primes, one filter component each:',
      '2 3 5 7 11 13 17 19 23 29 31 37 41 43 47',
    ]);
    expect(g.stats().components.filter((c) => c.type === 'PrimeFilter')).toHaveLength(15);
  });

  test('runs as a program', async () => {
    const { stdout } = await run(
      process.execPath,
      [...plexusNodeArgs('./scripts/register-ts.mjs'), 'examples/sieve/main.ts', '30'],
      { cwd: root },
    );
    expect(stdout).toBe(
      '10 primes, one filter component each:\n2 3 5 7 11 13 17 19 23 29\n(the graph grew from 3 to 12 components while it ran)\n',
    );
  });
});
