/**
 * The runner's version, read from its package.json, found from this module's own location by
 * walking up to the package.json named `@plexus/runner`: the same from the TypeScript source
 * (src/) and from a build, where this code may sit in dist/ or in one of dist/'s shared chunks
 * (the package's exports do not include its package.json, so it cannot be imported).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

let found: string | undefined;

/** The version of the @plexus/runner package, as `plexus --version` prints it. */
export function runnerVersion(): string {
  if (found !== undefined) return found;
  for (let dir = here; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@plexus/runner') {
        found = pkg.version ?? '0.0.0';
        return found;
      }
    }
    if (dirname(dir) === dir) throw new Error(`@plexus/runner: no package.json above ${here}.`);
  }
}
