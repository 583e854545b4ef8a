#!/usr/bin/env node
// The `plexus` command. From a build it runs dist/main.js; inside the Plexus repository, where
// nothing is built or a source has changed since the last build, it runs the TypeScript source
// in a child Node started with the flags for that, passing signals on so a graceful stop still
// works.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const repository = fileURLToPath(new URL('../../../scripts/builds-are-fresh.cjs', import.meta.url));
/** In the repository, a build older than any package's source would run yesterday's code. */
const stale = async () =>
  existsSync(repository) && !(await import(repository)).default.buildsAreFresh();
if (existsSync(built) && !(await stale())) {
  // Stacks name the TypeScript lines of Plexus and of the user's components, not the bundles'.
  process.setSourceMapsEnabled(true);
  const { exitWithParent, main, quietOnClosedPipe } = await import(built);
  exitWithParent();
  quietOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
} else {
  const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--conditions=@plexus/source',
      '--import',
      // Resolved from here, so the command works from any directory.
      import.meta.resolve('@plexus/host/register'),
      source,
      ...process.argv.slice(2),
    ],
    // The IPC channel tells the runner when this process is gone, even killed by SIGKILL:
    // it then exits too, taking its worker threads and child processes with it.
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, PLEXUS_EXIT_WITH_PARENT: '1' },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (status, signal) => {
    process.exitCode = status ?? (signal === 'SIGINT' ? 130 : 143);
  });
}
