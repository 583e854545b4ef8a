/**
 * `npm run docs:generate`: write the pages and files generated from the code — the graph file's
 * JSON Schema and reference page (from its zod schema), and the component reference (from the
 * definitions @plexus/components exports), the CLI reference (from `plexus --help`), and the error
 * reference (from the packages' error tables). Tests compare the committed files with what this
 * would write, so they cannot drift.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphFileJsonSchema, graphFileReference } from '@plexus/runner';
import * as components from '../packages/components/src/index.ts';
import { componentsReference } from '../packages/components/src/reference/componentsReference.ts';
import { cliReference } from './docs/cliReference.ts';
import { errorsReference } from './docs/errorsReference.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each generated file: its path from the repository root, and its generator. */
export const generated: ReadonlyArray<readonly [string, () => string | Promise<string>]> = [
  ['packages/runner/graph.schema.json', graphFileJsonSchema],
  ['docs/reference/graph-file.md', graphFileReference],
  ['docs/reference/components.md', () => componentsReference(components)],
  ['docs/reference/cli.md', cliReference],
  ['docs/reference/errors.md', errorsReference],
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, generate] of generated) {
    writeFileSync(join(root, path), await generate());
    console.log(`wrote ${path}`);
  }
}
