/**
 * Find a backend for every placement a run needs: the ones given to `run()`, else the package
 * `@plexus/<name>`, loaded on demand (its `createBackend()` export). A missing backend fails
 * the run with a sentence that names the component placed there and says what to install.
 */
import type { Backend } from '../../backend/types.ts';
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
  return backends;
}
