/**
 * One unit's child process: its bundle built, forked in a session of its own with the unit's
 * flags, environment and sandbox, reached over the IPC channel, its death worded for
 * `ERR_UNIT_DIED`, and killed unless it has exited.
 */
import { fork } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import type { LaunchedUnit, UnitDeath, UnitPlan } from '@plexus/core/backend';
import { checkPlacement, cpuProfileArgv, expose, wrap } from '@plexus/host';
import { bundleUnit } from './bundleUnit.ts';
import { describeExit, execArgv } from './childArgv.ts';
import { ipcEndpoint } from './ipcEndpoint.ts';
import type { ProcessOptions } from './processOptions.ts';
import type { UnitApi } from './protocol.ts';
import { sandboxEnv } from './sandbox.ts';

/** How long a profiled child may take to write its profile and exit before it is killed. */
const PROFILE_EXIT_MS = 5000;

/** Start a child process for `plan`, and say how to reach it, how it dies and how to end it. */
export async function launchProcess(
  plan: UnitPlan,
  writeStdout: ((chunk: Uint8Array) => void) | undefined,
  writeStderr: (chunk: Uint8Array) => void,
): Promise<LaunchedUnit> {
  checkPlacement(plan.components, 'process');
  const options = plan.options as ProcessOptions;
  const bundle = await bundleUnit(
    plan.components.map((c) => c.module),
    options.external,
  );
  const child = fork(bundle, [], {
    execArgv: execArgv(bundle, options, plan.components),
    env: sandboxEnv(options.permissions, options.env),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    serialization: 'advanced',
    stdio: ['inherit', writeStdout === undefined ? 'inherit' : 'pipe', 'pipe', 'ipc'],
    // A session of its own: a signal to the runner's process group (Ctrl-C) is not its to
    // take; the parent relays the stop (relayedStop.ts). It still exits with the parent.
    detached: true,
  });
  let stderr = '';
  if (writeStdout !== undefined) child.stdout?.on('data', writeStdout);
  child.stderr?.on('data', (chunk: Buffer) => {
    writeStderr(chunk);
    stderr = (stderr + chunk.toString()).slice(-4096);
  });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const died = new Promise<UnitDeath>((resolve) => {
    // Later errors (a write to a closed channel) end in 'exit' too; only the first one counts.
    child.on('error', (error) =>
      resolve({
        what:
          child.pid === undefined
            ? `could not be started (${error.message})`
            : `failed (${error.message})`,
      }),
    );
    child.once('exit', (code, signal) =>
      resolve({ what: describeExit(code, signal, stderr, options) }),
    );
  });
  const exitedNow = () => child.exitCode !== null || child.signalCode !== null;
  const remote = wrap<UnitApi>(ipcEndpoint(child, 'unit'));
  return {
    where: `process ${child.pid}`,
    died,
    exited: gone,
    start: (unitPlan, events) => {
      expose(events, ipcEndpoint(child, 'events'));
      return remote.start(unitPlan);
    },
    stop: (graceful) => {
      remote.stop(graceful).catch(() => {});
    },
    tap: (link, tapOptions) => {
      remote.tap(link, tapOptions).catch(() => {});
    },
    attach: (boundary) => remote.attach(boundary),
    end: async () => {
      if (!exitedNow()) {
        // A profiled child writes its profile only when it exits by itself: closing the channel
        // makes it exit. Anything else, or a child that does not exit, is killed.
        if (cpuProfileArgv().length > 0 && child.connected) {
          child.disconnect();
          // Unreferenced: the wait must not keep this process alive once the child has exited.
          await Promise.race([died, delay(PROFILE_EXIT_MS, undefined, { ref: false })]);
        }
        if (!exitedNow()) child.kill('SIGKILL');
      }
      await died;
    },
  };
}
