/** Run a fixture program of this package's tests from source, as a user's program would run. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const root = resolve(__dirname, '../../..');

/** Run `fixtures/<name>` to its end with `env` added to this process's environment. */
export function runFixture(name: string, env: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    [...plexusNodeArgs(), `packages/process/test/fixtures/${name}`],
    { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' },
  );
}
