import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/**
 * Where this package's graph.schema.json is on disk, for the editor line
 * `# yaml-language-server: $schema=…`.
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
  return join(here, '..', 'graph.schema.json');
}
