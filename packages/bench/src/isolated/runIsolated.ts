/** Run a trial function in a fresh Node process and get its result back. */
import { fork } from 'node:child_process';
import { hostExecArgv } from '@plexus/host';

const entry = new URL('./entry.ts', import.meta.url);

/** Options of an isolated run. */
export interface IsolatedOptions {
  /** Extra Node options for the child (e.g. `--max-old-space-size=4096`). */
  readonly execArgv?: readonly string[];
  /** Called with the child's pid once it has started (e.g. to sample its memory). */
  readonly onStart?: (pid: number) => void;
}

/**
 * Import `module` in a new Node process, call its export `name` with `args`, and resolve with
 * what it returned. Rejects, with the child's stderr, if it fails or exits without a result.
 */
export function runIsolated<T>(
  module: URL,
  name: string,
  args: unknown,
  options: IsolatedOptions = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(entry, [module.href, name, JSON.stringify(args)], {
      execArgv: [...hostExecArgv(), ...(options.execArgv ?? [])],
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
