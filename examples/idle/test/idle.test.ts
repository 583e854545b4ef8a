import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';

const root = resolve(__dirname, '../../..');

describe('the idle example', () => {
  test.each(['inline', 'worker', 'process'])(
    'on %s, prints every line of the job before the idle compressor says a word',
    async (backend) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--conditions=@plexus/source',
          '--import',
          './scripts/register-ts.mjs',
          'examples/idle/main.ts',
          backend,
        ],
        { cwd: root },
      );
      // The compressor runs only when the job has nothing to do: its summary comes last.
      expect(stdout).toBe(
        [1, 2, 3, 4, 5].map((n) => `${n} squared is ${n * n}\n`).join('') +
          '(in idle time: compressed 5 lines, 72 bytes into 112)\n',
      );
    },
  );
});
