/** Where the worker's entry module is: its TypeScript source in development, its build otherwise. */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromSource } from '@plexus/host';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

export const entryUrl: URL = pathToFileURL(join(here, fromSource ? 'entry.ts' : 'entry.js'));
