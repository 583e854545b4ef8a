import { join } from 'node:path';
import { packageRoot } from './packageRoot.ts';

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
  return join(packageRoot(), 'graph.schema.json');
}
