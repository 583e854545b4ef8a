import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Definition, z } from '@plexus/core';
import * as components from '../../src/index.ts';
import {
  componentsReference,
  documentedExports,
  paramDescription,
} from '../../src/reference/componentsReference.ts';

const root = join(__dirname, '../../../..');
const page = 'docs/reference/components.md';
const REGENERATE = 'npm run docs:generate';

describe('docs/reference/components.md', () => {
  test('is what the generator writes from the package exports (regenerate it when this fails)', () => {
    const committed = readFileSync(join(root, page), 'utf8');
    const generated = componentsReference(components);
    if (committed !== generated) {
      throw new Error(
        `${page} is out of date with the components' definitions. Run:\n  ${REGENERATE}`,
      );
    }
  });

  test('has a section for every component and factory the package exports', () => {
    const generated = componentsReference(components);
    const { entries } = documentedExports(components);
    const definitions = Object.entries(components).filter(
      ([, value]) => typeof value === 'object' && value !== null && 'kind' in value,
    );
    expect(
      entries
        .filter((e) => e.kind === 'definition')
        .map((e) => e.name)
        .sort(),
    ).toEqual(definitions.map(([name]) => name).sort());
    for (const name of [
      'ReadLines',
      'Backplane',
      'PublishTo',
      'SubscribeTo',
      'map',
      'chooser',
      'Batch',
    ])
      expect(entries.map((e) => e.name)).toContain(name);
    for (const entry of entries) expect(generated).toContain(`\n### ${entry.name}\n`);
  });

  test('every component documents itself: a description, and one line per box and param', () => {
    const missing: string[] = [];
    for (const entry of documentedExports(components).entries) {
      const definition: Definition =
        entry.kind === 'definition' ? entry.definition : entry.reference.sample();
      if (definition.description.trim() === '') missing.push(`${entry.name}: description`);
      const shape = (definition.params?.shape ?? {}) as Record<string, z.ZodType>;
      for (const [param, schema] of Object.entries(shape))
        if (paramDescription(schema).trim() === '') missing.push(`${entry.name}: param '${param}'`);
      if (entry.kind === 'factory')
        for (const [option, text] of Object.entries(entry.reference.options))
          if (text.trim() === '') missing.push(`${entry.name}: argument '${option}'`);
    }
    expect(missing).toEqual([]);
  });
});
