/** Where this package keeps the graph file's JSON Schema (for the editor line `# yaml-language-server: $schema=…`). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

export function schemaPath(): string {
  return join(here, '..', 'graph.schema.json');
}
