/**
 * Where the worker's entry module is: its TypeScript source in development (unless
 * `hostsFromBuild`), its build otherwise.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromSource, hostsFromBuild } from '@plexus/host';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

export const entryUrl: URL = pathToFileURL(
  !fromSource
    ? join(here, 'entry.js')
    : hostsFromBuild
      ? join(here, '..', 'dist', 'entry.js')
      : join(here, 'entry.ts'),
);
