/**
 * The graph file's JSON Schema and reference page are generated from its zod schema; the
 * committed copies must be what `npm run docs:generate` writes today, so they cannot drift.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GraphFile, graphFileJsonSchema, graphFileReference, schemaPath } from '@plexus/runner';

const root = join(__dirname, '..', '..', '..');

describe('the generated graph file documents', () => {
  it('graph.schema.json is what the zod schema generates (run `npm run docs:generate` if not)', () => {
    expect(readFileSync(schemaPath(), 'utf8')).toBe(graphFileJsonSchema());
  });

  it('docs/reference/graph-file.md is what the zod schema generates (run `npm run docs:generate` if not)', () => {
    const committed = readFileSync(join(root, 'docs', 'reference', 'graph-file.md'), 'utf8');
    expect(committed).toBe(graphFileReference());
  });

  it('the reference has a row for every top-level key, with its description', () => {
    const page = graphFileReference();
    for (const [key, schema] of Object.entries(GraphFile.shape)) {
      expect(page).toContain(`| \`${key}\` |`);
      expect(page).toContain((schema as { description?: string }).description ?? '');
    }
  });

  it('the JSON Schema rejects unknown keys, as the loader does', () => {
    const schema = JSON.parse(graphFileJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['description', 'components']);
  });
});
