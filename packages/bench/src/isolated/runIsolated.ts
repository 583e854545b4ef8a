/** Run a trial function in a fresh Node process and get its result back. */
import { fork } from 'node:child_process';
import { cpuProfileArgv } from '@plexus/host';
import { bundled, bundledEntry } from './fromBuild.ts';
import { scriptArgv } from './scriptArgv.ts';

const entry = new URL('./entry.ts', import.meta.url);

/** Options of an isolated run. */
export interface IsolatedOptions {
  /** Extra Node options for the child (e.g. `--max-old-space-size=4096`). */
  readonly execArgv?: readonly string[];
  /** Called with the child's pid once it has started (e.g. to sample its memory). */
  readonly onStart?: (pid: number) => void;
  /**
   * Run Plexus from its build, and the trial as bundled JavaScript (fromBuild.ts): no
   * TypeScript loader in the trial process. Needs `pnpm build` first.
   */
  readonly fromBuild?: boolean;
  /**
   * From the build: run the trial process with `--enable-source-maps` (default true), so a
   * failing trial's stack names the sources. Node then decodes the map of every module Plexus
   * loads, as it loads it (~4-5 MB of the trial process's memory); a memory trial turns it off,
   * as `plexus run` and a plain `node app.js` run.
   */
  readonly sourceMaps?: boolean;
}

/**
 * Import `module` in a new Node process, call its export `name` with `args`, and resolve with
 * what it returned. Rejects, with the child's stderr, if it fails or exits without a result.
 */
export async function runIsolated<T>(
  module: URL,
  name: string,
  args: unknown,
  options: IsolatedOptions = {},
): Promise<T> {
  const built = options.fromBuild === true;
  const program = built ? await bundledEntry() : entry;
  const trial = built ? await bundled(module) : module;
  const maps = options.sourceMaps === false ? [] : ['--enable-source-maps'];
  const execArgv = built ? [...maps, ...cpuProfileArgv()] : scriptArgv();
  return new Promise<T>((resolve, reject) => {
    const child = fork(program, [trial.href, name, JSON.stringify(args)], {
      execArgv: [...execArgv, ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    let result: { value: T } | undefined;
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('message', (message: { result: T }) => {
      result = { value: message.result };
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result !== undefined) resolve(result.value);
      else {
        const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
        reject(
          new Error(
            `The isolated trial ${name} (${module.pathname}) ${how} without a result.\n${stderr.trim()}`,
          ),
        );
      }
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
  });
}
