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

/** True when this package runs from its TypeScript source rather than a build. */
export const fromSource: boolean = /[\\/]src$/.test(here);

const hooks = pathToFileURL(join(here, '..', 'hooks.mjs')).href;
let registered = false;

/**
 * The options to start a host with. From source, Plexus's own TypeScript must load from the
 * start; from a build, the hooks are registered only if a component module needs them
 * ({@link useTypeScript}), which keeps a worker's start-up short.
 */
export function hostExecArgv(): string[] {
  const register = pathToFileURL(join(here, '..', 'register.mjs')).href;
  return fromSource ? ['--conditions=@plexus/source', '--import', register] : [];
}

/** Compile TypeScript modules imported from now on in this thread (once; no-op if already). */
export function useTypeScript(): void {
  if (registered || fromSource) return;
  registered = true;
  register(hooks);
}
