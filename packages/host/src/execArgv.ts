/**
 * Node options for a worker thread or child process that hosts components: TypeScript loads
 * through this package's hooks, and when Plexus itself runs from source (this repository's
 * development and tests), packages resolve to their source too.
 */
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/**
 * True when this package runs from its TypeScript source rather than a build.
 *
 * @example
 * ```ts
 * import { fromSource } from '@plexus/host';
 *
 * console.log(fromSource ? 'running from TypeScript sources' : 'running from dist');
 * ```
 */
export const fromSource: boolean = /[\\/]src$/.test(here);

/**
 * True when Plexus runs from its TypeScript source but starts its worker threads from the
 * packages' build: `PLEXUS_HOSTS_FROM_BUILD=1`, which this repository's test suite sets when every
 * package's build is newer than its source. Such a thread loads one bundle a package instead of
 * compiling every source module through the hooks, and starts in about half the CPU time.
 *
 * @example
 * ```sh
 * pnpm build && PLEXUS_HOSTS_FROM_BUILD=1 pnpm plexus run graph.yaml --backend worker
 * ```
 */
export const hostsFromBuild: boolean = fromSource && process.env.PLEXUS_HOSTS_FROM_BUILD === '1';

const hooks = pathToFileURL(join(here, '..', 'hooks.mjs')).href;
let registered = false;

/**
 * The options to start a host with. From source, Plexus's own TypeScript must load from the
 * start (and its source maps with it); from a build, the hooks are registered only if a
 * component module needs them ({@link useTypeScript}), which keeps a worker's start-up short.
 * There is no `--enable-source-maps`: it parsed the map of every module Plexus and zod load
 * (~40 ms of a worker's start-up CPU). A host turns source maps on itself
 * (`process.setSourceMapsEnabled(true)`) before it imports the components, so their frames
 * still point at the lines of their own files.
 * `entryFromBuild`: the host's entry is a build although Plexus runs from source
 * ({@link hostsFromBuild}), so the source's flags are left out.
 *
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * import { hostExecArgv } from '@plexus/host';
 *
 * const worker = new Worker('./entry.js', { execArgv: [...process.execArgv, ...hostExecArgv()] });
 * worker.on('error', console.error);
 * ```
 */
export function hostExecArgv(entryFromBuild = false): string[] {
  const register = pathToFileURL(join(here, '..', 'register.mjs')).href;
  const source =
    fromSource && !entryFromBuild ? ['--conditions=@plexus/source', '--import', register] : [];
  return [...source, ...cpuProfileArgv()];
}

/**
 * With `PLEXUS_CPU_PROF=<directory>` in the environment, the options that make a worker thread
 * or child process write a CPU profile (`.cpuprofile`, for Chrome DevTools or `--cpu-prof`'s
 * usual tools) into that directory when it ends; otherwise none. Hosts are started with options
 * of their own, so `node --cpu-prof` given to the main program never reaches them.
 *
 * @example
 * ```sh
 * PLEXUS_CPU_PROF=/tmp/prof node --cpu-prof --cpu-prof-dir=/tmp/prof main.js
 * ```
 */
export function cpuProfileArgv(): string[] {
  const dir = process.env.PLEXUS_CPU_PROF;
  return dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/**
 * Compile TypeScript modules imported from now on in this thread (once; no-op if already), and
 * map their stack frames back to the TypeScript lines (`process.setSourceMapsEnabled`).
 *
 * @example
 * ```ts
 * import { useTypeScript } from '@plexus/host';
 *
 * useTypeScript();
 * const { Shout } = await import('./shout.ts');
 * ```
 */
export function useTypeScript(): void {
  if (registered || fromSource) return;
  registered = true;
  process.setSourceMapsEnabled(true);
  register(hooks);
}
