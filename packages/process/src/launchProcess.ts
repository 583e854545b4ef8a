/**
 * One unit's child process: its bundle built, forked in a session of its own with the unit's
 * flags, environment and sandbox (or a spare forked with the same, spares.ts), reached over
 * the IPC channel, its death worded for `ERR_UNIT_DIED`, and killed unless it has exited —
 * when a fresh spare is started to take its place.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { LaunchedUnit, UnitDeath, UnitPlan } from '@plexus/core/backend';
import { checkPlacement, cpuProfileArgv, expose } from '@plexus/host';
import { bundleUnit } from './bundleUnit.ts';
import { describeExit, execArgv } from './childArgv.ts';
import { type ChildSettings, startChild } from './internal/ChildHost.ts';
import { startSpare, takeSpare } from './internal/spares.ts';
import { ipcEndpoint } from './ipcEndpoint.ts';
import type { ProcessOptions } from './processOptions.ts';
import { sandboxEnv } from './sandbox.ts';

/** How long a profiled child may take to write its profile and exit before it is killed. */
const PROFILE_EXIT_MS = 5000;

/** Start a child process for `plan`, and say how to reach it, how it dies and how to end it. */
export async function launchProcess(
  plan: UnitPlan,
  writeStdout: ((chunk: Uint8Array) => void) | undefined,
  writeStderr: (chunk: Uint8Array) => void,
  spares = true,
): Promise<LaunchedUnit> {
  checkPlacement(plan.components, 'process');
  const options = plan.options as ProcessOptions;
  const bundle = await bundleUnit(
    plan.components.map((c) => c.module),
    options.external,
  );
  const flags = execArgv(bundle, options, plan.components);
  /** The settings as they are now: the environment is the parent's at the time. */
  const settings = (): ChildSettings => ({
    bundle,
    execArgv: flags,
    env: sandboxEnv(options.permissions, options.env),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    pipeStdout: writeStdout !== undefined,
  });
  const now = settings();
  const host = (spares ? takeSpare(now) : undefined) ?? startChild(now);
  const { child, remote } = host;
  let stderr = '';
  host.output(writeStdout, (chunk) => {
    writeStderr(chunk);
    stderr = (stderr + Buffer.from(chunk).toString()).slice(-4096);
  });
  const gone = new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );
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
      // Its place is taken by a fresh child, for the next unit started with these settings.
      if (spares) startSpare(settings());
    },
  };
}
