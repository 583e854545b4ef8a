/** This package's folder (where package.json and template/ are), from its source or its build. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

function findRoot(dir: string): string {
  if (existsSync(join(dir, 'template')) || dirname(dir) === dir) return dir;
  return findRoot(dirname(dir));
}

/** The nearest folder above this module with a template/ (src/, dist/ or a chunk's folder). */
export const packageRoot: string = findRoot(here);
