import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here: string = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);

/**
 * Where this package's graph.schema.json is on disk, for the editor line
 * `# yaml-language-server: $schema=…`.
 *
 * The path is found the way a user's import finds it — the package's own export
 * `@plexus/runner/graph.schema.json` — so it is right from the sources, from a build (where this
 * code may sit in a shared chunk) and once installed.
 *
 * @example
 * ```ts
 * import { relative } from 'node:path';
 * import { schemaPath } from '@plexus/runner';
 *
 * console.log(`# yaml-language-server: $schema=${relative(process.cwd(), schemaPath())}`);
 * ```
 */
export function schemaPath(): string {
  return createRequire(here).resolve('@plexus/runner/graph.schema.json');
}
