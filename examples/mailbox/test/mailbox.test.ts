import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const root = resolve(__dirname, '../../..');

describe('the mailbox example', () => {
  test.each(['inline', 'worker', 'process'])(
    'on %s, puts the basket back in order, prices it by calls, and the till adds it up',
    async (backend) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [...plexusNodeArgs('./scripts/register-ts.mjs'), 'examples/mailbox/main.ts', backend],
        { cwd: root },
      );
      // milk has no price: its call fails with the server's error, and the rest goes on.
      expect(stdout).toBe(
        'milk: RangeError: no price for milk\nbasket: tea, cake, jam, bread = 11.60\n',
      );
    },
  );
});
