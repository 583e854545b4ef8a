/**
 * The sensors example, as a user runs it: against the broker on 127.0.0.1:1883, on each
 * backend, it prints the alerts its WebSocket client heard and writes the same alerts to a
 * CSV file. (packages/runner/test/examples.test.ts also runs it, and requires the same
 * output on every backend.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from '@jest/globals';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const plexus = join(root, 'packages/runner/bin/plexus.mjs');
const graph = 'examples/sensors/sensors.graph.yaml';
const scratch = mkdtempSync(join(tmpdir(), 'plexus-sensors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PRINTED = `{"room":"lounge","average":27,"alert":"too hot"}
{"room":"kitchen","average":26.17,"alert":"too hot"}
`;
const CSV = `room,average,alert
lounge,27,too hot
kitchen,26.17,too hot
`;

describe('examples/sensors', () => {
  test.each(['inline', 'worker', 'process'])(
    'on %s, the WebSocket client prints the alerts, and alerts.csv holds them',
    async (backend) => {
      const csv = join(scratch, `${backend}.csv`);
      const { stdout, stderr } = await run(
        process.execPath,
        [plexus, 'run', graph, '--backend', backend, '--set', `write.path=${csv}`],
        { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
      );
      expect(stderr).toBe('');
      expect(stdout).toBe(PRINTED);
      expect(readFileSync(csv, 'utf8')).toBe(CSV);
    },
    60_000,
  );
});
