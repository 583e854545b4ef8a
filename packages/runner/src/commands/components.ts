/** `plexus components [module]`: the components a module exports, described from their schemas. */

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Definition } from '@plexus/core';
import { useTypeScript } from '@plexus/host';
import type { Output } from '../output.ts';
import { paint } from '../output.ts';
import { describeDefinition } from '../reference/describeDefinition.ts';

export async function componentsCommand(
  module: string | undefined,
  output: Output,
): Promise<number> {
  const specifier = module ?? '@plexus/components';
  let path: string;
  try {
    path = /^[./]/.test(specifier)
      ? resolve(specifier)
      : createRequire(resolve('package.json')).resolve(specifier);
  } catch {
    output.err(
      `plexus components: cannot find ${module === undefined ? 'the standard library @plexus/components (install it, or name a module)' : `the module '${specifier}'`}.`,
    );
    return 2;
  }
  if (/\.[cm]?tsx?$/.test(path)) useTypeScript();
  const exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const definitions = Object.entries(exports).filter(
    ([, value]) =>
      typeof value === 'object' &&
      value !== null &&
      ['component', 'graph'].includes((value as Definition).kind),
  );
  if (definitions.length === 0) {
    output.err(`plexus components: ${specifier} exports no components.`);
    return 2;
  }
  for (const [exportName, definition] of definitions) {
    const d = describeDefinition(definition as Definition);
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
