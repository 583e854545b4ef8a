/** `plexus components [module]`: the components a module exports, described from their schemas. */

import { resolve } from 'node:path';
import type { Definition } from '@plexus/core';
import { importModule, isDefinition, UseError } from '../file/resolveUse.ts';
import type { Output } from '../output.ts';
import { paint } from '../output.ts';
import { describeDefinition } from '../reference/describeDefinition.ts';
import { schemaPath } from '../schemaPath.ts';

export async function componentsCommand(
  module: string | undefined,
  output: Output,
): Promise<number> {
  const specifier = module ?? '@plexus/components';
  let exports: Record<string, unknown>;
  try {
    // The standard library is found from this package; a named module from where we are.
    const from = module === undefined ? schemaPath() : resolve('package.json');
    ({ exports } = await importModule(specifier, from));
  } catch (error) {
    if (!(error instanceof UseError)) throw error;
    output.err(
      `plexus components: ${module === undefined ? `cannot load the standard library @plexus/components (${error.message}); install it, or name a module` : error.message}.`,
    );
    return 2;
  }
  const definitions = Object.entries(exports).filter((entry): entry is [string, Definition] =>
    isDefinition(entry[1]),
  );
  if (definitions.length === 0) {
    output.err(`plexus components: ${specifier} exports no components.`);
    return 2;
  }
  for (const [exportName, definition] of definitions) {
    const d = describeDefinition(definition);
    output.out(`${paint(output, 'bold', `${specifier}#${exportName}`)}  ${d.description}`);
    for (const [title, boxes] of [
      ['in ', d.inboxes],
      ['out', d.outboxes],
    ] as const) {
      for (const b of boxes)
        output.out(
          `  ${title} ${b.name}: ${b.type}${b.optional ? ' (optional)' : ''} — ${b.description}`,
        );
    }
    for (const p of d.params) {
      output.out(
        `  param ${p.name}: ${p.type}${p.default === undefined ? (p.required ? ' (required)' : '') : ` = ${p.default}`}${p.description === '' ? '' : ` — ${p.description}`}`,
      );
    }
    output.out('');
  }
  return 0;
}
