/**
 * This package's version, read from its package.json found by walking up from this module (the
 * same from src/ and from a build in dist/). Nodes and coordinators compare it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
let found: string | undefined;

/** The version of @plexus/nats. */
export function natsVersion(): string {
  if (found !== undefined) return found;
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === '@plexus/nats') {
      found = pkg.version ?? '0.0.0';
      return found;
    }
  }
  found = '0.0.0';
  return found;
}
