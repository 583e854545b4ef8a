/**
 * Node options for a worker thread or child process that hosts components: TypeScript loads
 * through this package's hooks, and when Plexus itself runs from source (this repository's
 * development and tests), packages resolve to their source too.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** True when this package runs from its TypeScript source rather than a build. */
export const fromSource: boolean = /[\\/]src$/.test(here);

/** The options to start a host with. */
export function hostExecArgv(): string[] {
  const register = pathToFileURL(join(here, '..', 'register.mjs')).href;
  return [...(fromSource ? ['--conditions=@plexus/source'] : []), '--import', register];
}
