/**
 * A started worker thread that hosts units: the Worker itself, its control plane (Comlink) and
 * the promise of its exit, whether a unit takes it at once or it waits as a spare (spares.ts).
 */
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { nodeEndpoint, type Remote, wrap } from '@plexus/host';
import { entryUrl } from '../entryUrl.ts';
import type { UnitApi } from '../protocol.ts';
import { stopPretenuring } from './pretenuring.ts';

/** What a thread is started with: two threads started with equal settings are interchangeable. */
export interface ThreadSettings {
  readonly execArgv: readonly string[];
  readonly resourceLimits: ResourceLimits;
  /** Its standard output and error are piped to this thread (to be handed to the backend's sinks). */
  readonly stdout: boolean;
  readonly stderr: boolean;
}

export interface WorkerThread {
  readonly worker: Worker;
  readonly remote: Remote<UnitApi>;
  /** Settles when the thread has exited, however. */
  readonly exited: Promise<void>;
  /** True once it has exited or failed: a spare in that state is of no use. */
  readonly gone: () => boolean;
  /** The environment it was started with (a worker gets a copy of this thread's, then). */
  readonly env: string;
}

/** Start a thread running the unit host (entry.ts), with no unit yet. */
export function startThread(settings: ThreadSettings): WorkerThread {
  // Before the thread's isolate exists, so none of its code ever pretenures (pretenuring.ts).
  stopPretenuring();
  const worker = new Worker(entryUrl, {
    execArgv: [...settings.execArgv],
    resourceLimits: settings.resourceLimits,
    stdout: settings.stdout,
    stderr: settings.stderr,
    // Node's default, said outright: a copy of this thread's environment as it is now (under
    // jest, the test's process.env rather than the process's own).
    env: process.env,
  });
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  worker.on('error', () => {
    gone = true;
  });
  return {
    worker,
    remote: wrap<UnitApi>(nodeEndpoint(worker)),
    exited,
    gone: () => gone,
    env: environment(),
  };
}

/** This thread's environment as it is now, comparable with a thread's `env`. */
export function environment(): string {
  return JSON.stringify(process.env);
}
