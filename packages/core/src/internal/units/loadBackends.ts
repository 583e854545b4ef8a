/**
 * Find a backend for every placement a run needs: the ones given to `run()`, else the package
 * `@plexus/<name>`, loaded on demand (its `createBackend()` export). A missing backend fails
 * the run with a sentence that names the component placed there and says what to install.
 * A placement's options that its backend does not read fail the run too, before anything
 * starts: a `memoryMb` meant for a process, given to a worker, would otherwise be dropped
 * without a word.
 */
import type { Backend } from '../../backend/Backend.ts';
import { Errors } from '../../errors.ts';
import type { ComponentRun } from '../ComponentRun.ts';

export async function loadBackends(
  remote: readonly ComponentRun[],
  given: readonly Backend[],
): Promise<Map<string, Backend>> {
  const backends = new Map<string, Backend>(given.map((backend) => [backend.name, backend]));
  for (const run of remote) {
    const name = run.backend;
    if (backends.has(name)) continue;
    let reason = `it has no createBackend() export`;
    try {
      const module = (await import(/* @vite-ignore */ `@plexus/${name}`)) as {
        createBackend?: () => Backend;
      };
      if (typeof module.createBackend === 'function') {
        backends.set(name, module.createBackend());
        continue;
      }
    } catch (error) {
      reason = (error as Error).message.split('\n')[0] ?? String(error);
    }
    throw Errors.noBackend(run.name, run.type, name, reason);
  }
  for (const run of remote) checkOptions(run, backends);
  return backends;
}

/** Throw if `run`'s placement has an option its backend does not read (when it says which it reads). */
function checkOptions(run: ComponentRun, backends: ReadonlyMap<string, Backend>): void {
  const reads = backends.get(run.backend)?.placementOptions;
  if (reads === undefined) return;
  for (const option of Object.keys(run.placement.options ?? {})) {
    if (reads.includes(option)) continue;
    const readers = [...backends.values()]
      .filter((backend) => backend.placementOptions?.includes(option))
      .map((backend) => backend.name);
    throw Errors.unreadOption(run.name, run.type, run.backend, option, reads, readers);
  }
}
