import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const root = resolve(__dirname, '../../..');

/** What `examples/idle/main.ts backend priority` prints. */
async function run(backend: string, priority: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...plexusNodeArgs('./scripts/register-ts.mjs'), 'examples/idle/main.ts', backend, priority],
    { cwd: root },
  );
  return stdout.trimEnd().split('\n');
}

const job = [1, 2, 3, 4, 5].map((n) => `${n} squared is ${n * n}`);
const notes = [1, 2, 3, 4, 5].map((n) => `  (compressed line ${n})`);

describe('the idle example', () => {
  test.each(['inline', 'worker', 'process'])(
    'on %s, prints every line of the job before the idle compressor says a word',
    async (backend) => {
      // The compressor runs only when the job has nothing to do: its notes come last.
      expect(await run(backend, 'idle')).toEqual([
        ...job,
        ...notes,
        '(in idle time: compressed 5 lines, 72 bytes into 112)',
      ]);
    },
  );

  test('at normal priority the compressor takes its turn between the lines of the job', async () => {
    const lines = await run('inline', 'normal');
    expect(lines.filter((line) => job.includes(line))).toEqual(job);
    expect(lines.indexOf(notes[0]!)).toBeLessThan(lines.indexOf(job[4]!));
  });
});
