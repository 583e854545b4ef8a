/**
 * Where this package is on disk, found from this module's own location by walking up to the
 * package.json named `@plexus/runner`: the same from the TypeScript source (src/) and from a
 * build, where this code may sit in dist/ or in one of dist/'s shared chunks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

let found: { root: string; version: string } | undefined;

function locate(): { root: string; version: string } {
  if (found !== undefined) return found;
  for (let dir = here; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@plexus/runner') {
        found = { root: dir, version: pkg.version ?? '0.0.0' };
        return found;
      }
    }
    if (dirname(dir) === dir) throw new Error(`@plexus/runner: no package.json above ${here}.`);
  }
}

/** The folder of the @plexus/runner package. */
export function packageRoot(): string {
  return locate().root;
}

/** The version of the @plexus/runner package, as `plexus --version` prints it. */
export function runnerVersion(): string {
  return locate().version;
}
