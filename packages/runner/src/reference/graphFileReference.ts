/**
 * The graph file's reference page and JSON Schema, generated from the one zod schema, so the
 * docs cannot drift from what the loader accepts (a test compares them with the committed
 * files).
 */
import { z } from 'zod';
import {
  ComponentEntry,
  ExportedInbox,
  ExportedOutbox,
  GraphFile,
  LinkObject,
} from '../file/graphFileSchema.ts';

/**
 * The graph file's JSON Schema, generated from its zod schema: what editors use to complete
 * and validate graph files, shipped as `@plexus/runner/graph.schema.json`.
 *
 * @example
 * ```ts
 * import { graphFileJsonSchema } from '@plexus/runner';
 *
 * const schema = JSON.parse(graphFileJsonSchema());
 * ```
 */
export function graphFileJsonSchema(): string {
  const schema = z.toJSONSchema(GraphFile, { io: 'input' }) as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, title: 'Plexus graph file' }, null, 2)}\n`;
}

/**
 * The graph file reference page (docs/reference/graph-file.md), generated from the zod
 * schema: one table per part of the file, with each key's type and description.
 *
 * @example
 * ```ts
 * import { graphFileReference } from '@plexus/runner';
 *
 * process.stdout.write(graphFileReference());
 * ```
 */
export function graphFileReference(): string {
  const sections: [string, z.ZodObject, string][] = [
    ['The file', GraphFile, 'Top-level settings.'],
    ['A component entry', ComponentEntry, 'Each value under `components`.'],
    [
      'A link (object form)',
      LinkObject,
      'An entry of `links` may be the shorthand `from.box -> to.box`, or this object.',
    ],
    ['An exported inbox', ExportedInbox, 'Each value under `inboxes`.'],
    ['An exported outbox', ExportedOutbox, 'Each value under `outboxes`.'],
  ];
  const lines = [
    '# Graph file reference',
    '',
    '<!-- Generated from the zod schema in packages/runner/src/file/graphFileSchema.ts by',
    '     `npm run docs:generate`; a test fails if this page and the schema disagree. -->',
    '',
    'A graph file is YAML or JSON. Editors complete and validate it with the JSON Schema',
    'shipped as `@plexus/runner/graph.schema.json`: put',
    '`# yaml-language-server: $schema=<path to graph.schema.json>` on the first line of a YAML',
    'file, or `"$schema": "<path>"` in a JSON one. The [guide](../guides/graph-files.md) shows',
    'them in use.',
    '',
    'Its name ends in `.yaml`, `.yml` or `.json`, and it is at most 64 MB (larger files are',
    'refused before they are read; `PLEXUS_MAX_GRAPH_FILE_MB` raises the limit). Unknown keys',
    'are errors, each reported with a did-you-mean, and they do not hide the problems after them.',
  ];
  for (const [title, schema, intro] of sections) {
    lines.push(
      '',
      `## ${title}`,
      '',
      intro,
      '',
      '| key | type | required | description |',
      '|---|---|---|---|',
    );
    for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const optional = value.safeParse(undefined).success;
      lines.push(
        `| \`${key}\` | ${typeOf(value)} | ${optional ? 'no' : 'yes'} | ${(value.description ?? '').replaceAll('|', '\\|')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function typeOf(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  const name = (j: Record<string, unknown>): string => {
    if (Array.isArray(j.enum)) return j.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
    const union = (j.anyOf ?? j.oneOf) as Record<string, unknown>[] | undefined;
    if (Array.isArray(union)) return union.map(name).join(' or ');
    if (j.type === 'array')
      return `list of ${j.items === undefined ? 'values' : name(j.items as Record<string, unknown>)}`;
    if (j.type === 'object')
      return j.additionalProperties !== undefined && j.properties === undefined ? 'map' : 'object';
    return typeof j.type === 'string' ? j.type : 'any';
  };
  return name(json);
}
