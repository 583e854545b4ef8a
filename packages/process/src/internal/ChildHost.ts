/**
 * A child process started on a unit's bundle: the ChildProcess, its control plane (Comlink over
 * the IPC channel), and what it prints, held until a unit's sinks take it — whether a unit
 * takes the child at once or it waits as a spare (spares.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { type Remote, wrap } from '@plexus/host';
import { ipcEndpoint } from '../ipcEndpoint.ts';
import type { UnitApi } from '../protocol.ts';

/** What a child is started with: two children started with equal settings are interchangeable. */
export interface ChildSettings {
  readonly bundle: string;
  readonly execArgv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Its standard output is piped to this process (to the backend's `stdout`), not inherited. */
  readonly pipeStdout: boolean;
}

export interface ChildHost {
  readonly child: ChildProcess;
  readonly remote: Remote<UnitApi>;
  /** True once it has exited or failed to start: a spare in that state is of no use. */
  gone(): boolean;
  /** Send what it printed so far, and prints from now on, to these. */
  output(
    stdout: ((chunk: Uint8Array) => void) | undefined,
    stderr: (chunk: Uint8Array) => void,
  ): void;
  /** Whether it keeps this process alive (a spare does not; a unit's child does). */
  hold(held: boolean): void;
}

/** Fork a child on `settings.bundle`, in a session of its own, with no unit yet. */
export function startChild(settings: ChildSettings): ChildHost {
  const child = fork(settings.bundle, [], {
    execArgv: [...settings.execArgv],
    env: { ...settings.env },
    ...(settings.cwd === undefined ? {} : { cwd: settings.cwd }),
    serialization: 'advanced',
    stdio: ['inherit', settings.pipeStdout ? 'pipe' : 'inherit', 'pipe', 'ipc'],
    // A session of its own: a signal to the runner's process group (Ctrl-C) is not its to
    // take; the parent relays the stop (relayedStop.ts). It still exits with the parent.
    detached: true,
  });
  let gone = false;
  child.once('exit', () => {
    gone = true;
  });
  // A unit adds its own listeners; this one keeps a spare's failure from throwing.
  child.on('error', () => {
    gone = true;
  });
  let sinks:
    | { stdout?: (chunk: Uint8Array) => void; stderr: (chunk: Uint8Array) => void }
    | undefined;
  const held: Array<{ to: 'stdout' | 'stderr'; chunk: Uint8Array }> = [];
  const route = (to: 'stdout' | 'stderr') => (chunk: Uint8Array) => {
    if (sinks === undefined) held.push({ to, chunk });
    else sinks[to]?.(chunk);
  };
  child.stdout?.on('data', route('stdout'));
  child.stderr?.on('data', route('stderr'));
  return {
    child,
    remote: wrap<UnitApi>(ipcEndpoint(child, 'unit')),
    gone: () => gone,
    output(stdout, stderr) {
      sinks = { ...(stdout === undefined ? {} : { stdout }), stderr };
      for (const { to, chunk } of held.splice(0)) sinks[to]?.(chunk);
    },
    hold(keep) {
      for (const handle of [child, child.channel, child.stdout, child.stderr] as Array<
        { ref?: () => void; unref?: () => void } | null | undefined
      >) {
        if (keep) handle?.ref?.();
        else handle?.unref?.();
      }
    },
  };
}
