/**
 * The page docs/reference/components.md, generated from the package's exports: every
 * component definition described from its schemas (description, boxes, params with types and
 * defaults), and every factory from the reference it carries. Nothing is listed by hand, so
 * a component added to `src/index.ts` appears here, and a test fails until the committed page
 * is regenerated with `npm run docs:generate`.
 */
import { type BoxSpec, type Definition, schemaJson, typeName, type z } from '@plexus/core';
import type { FactoryReference } from '../internal/factory.ts';
import { exampleOf } from './examples.ts';

/** Section titles by the source folder a component is defined in, in page order. */
const SECTIONS: readonly (readonly [string, string])[] = [
  ['sources', 'Sources'],
  ['sinks', 'Sinks'],
  ['transforms', 'Transforms'],
  ['expressions', 'Expressions (JSONata)'],
  ['routing', 'Routing and the Backplane'],
  ['flow', 'Flow'],
  ['time', 'Batching and time'],
  ['events', 'Errors and status'],
  ['formats', 'Formats'],
  ['mqtt', 'MQTT'],
  ['websocket', 'WebSocket'],
  ['udp', 'UDP'],
  ['net', 'Networking'],
  ['process', 'External commands'],
];

const MODULE = '@plexus/components';

/** One documented export: a definition, or a factory with its reference. */
type Entry =
  | { kind: 'definition'; name: string; definition: Definition; folder: string }
  | { kind: 'factory'; name: string; reference: FactoryReference; folder: string };

/** The exports of the package, sorted into entries; the rest are listed by name. */
export function documentedExports(exports: Record<string, unknown>): {
  entries: Entry[];
  others: string[];
} {
  const entries: Entry[] = [];
  const others: string[] = [];
  for (const [name, value] of Object.entries(exports)) {
    if (isDefinition(value)) {
      entries.push({ kind: 'definition', name, definition: value, folder: folderOf(value.source) });
    } else if (
      typeof value === 'function' &&
      isReference((value as { reference?: unknown }).reference)
    ) {
      const reference = (value as unknown as { reference: FactoryReference }).reference;
      entries.push({
        kind: 'factory',
        name,
        reference,
        folder: folderOf(reference.sample().source),
      });
    } else others.push(name);
  }
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name.toLowerCase() < b.name.toLowerCase()
      ? -1
      : a.name.toLowerCase() > b.name.toLowerCase()
        ? 1
        : 0;
  entries.sort(byName);
  others.sort((a, b) => byName({ name: a }, { name: b }));
  return { entries, others };
}

/** The reference page for the given exports of `@plexus/components`. */
export function componentsReference(exports: Record<string, unknown>): string {
  const { entries, others } = documentedExports(exports);
  const lines: string[] = [
    '# Component reference',
    '',
    '<!-- Generated from the definitions exported by @plexus/components by',
    '     `npm run docs:generate`; a test fails if this page and the code disagree. -->',
    '',
    'Every component of the standard library, described from its schemas. A **component** is a',
    "definition: add it in code (`g.add('read', ReadLines, { params: { path } })`) or name it in a",
    "graph file (`use: '@plexus/components#ReadLines'`). A **factory** (lower-case name) makes a",
    'definition from functions — `map(fn)`, `chooser(routes)` — for graphs built in code; exported',
    'from a module of its own, what it makes can be placed on a worker or in a process like any',
    'definition. Errors are full sentences with a stable `code` (`ERR_FILE_OPEN`, …) on the',
    "failure's `cause`.",
    '',
  ];
  const sections = [...SECTIONS];
  for (const entry of entries)
    if (!sections.some(([folder]) => folder === entry.folder))
      sections.push([entry.folder, title(entry.folder)]);
  const present = sections.filter(([folder]) => entries.some((e) => e.folder === folder));
  // GitHub numbers repeated anchors in page order: `map` (the factory), then `map-1` (Map).
  const anchors = new Map<Entry, string>();
  const used = new Map<string, number>();
  for (const [folder, heading] of present) {
    const base = anchor(heading);
    used.set(base, (used.get(base) ?? -1) + 1);
    for (const entry of entries.filter((e) => e.folder === folder)) {
      const plain = anchor(entry.name);
      const n = (used.get(plain) ?? -1) + 1;
      used.set(plain, n);
      anchors.set(entry, n === 0 ? plain : `${plain}-${n}`);
    }
  }
  lines.push('## Contents', '');
  for (const [folder, heading] of present) {
    const names = entries
      .filter((e) => e.folder === folder)
      .map((e) => `[${label(e)}](#${anchors.get(e)})`);
    lines.push(`- **${heading}**: ${names.join(', ')}`);
  }
  lines.push('');
  for (const [folder, heading] of present) {
    lines.push(`## ${heading}`, '');
    for (const entry of entries.filter((e) => e.folder === folder)) lines.push(...describe(entry));
  }
  if (others.length > 0) {
    lines.push('## Other exports', '', others.map((name) => `\`${name}\``).join(', '), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function describe(entry: Entry): string[] {
  if (entry.kind === 'definition') {
    const d = entry.definition;
    return [
      `### ${entry.name}`,
      '',
      `${d.description} — \`use: '${MODULE}#${entry.name}'\``,
      '',
      ...boxes('Inbox', d.inboxes),
      ...boxes('Outbox', d.outboxes),
      ...params(d),
      ...example(exampleOf(d.source, entry.name)),
    ];
  }
  const { reference } = entry;
  const sample = reference.sample();
  const out = [
    `### ${entry.name}`,
    '',
    `\`${reference.signature}\` — ${sample.description} Code only (takes functions or code values).`,
    '',
    '| argument | description |',
    '|---|---|',
    ...Object.entries(reference.options).map(([name, text]) => `| \`${name}\` | ${cell(text)} |`),
    '',
  ];
  return [
    ...out,
    ...boxes('Inbox', sample.inboxes),
    ...boxes('Outbox', sample.outboxes),
    ...example(exampleOf(sample.source, entry.name)),
  ];
}

function example(code: string | undefined): string[] {
  return code === undefined ? [] : ['Example:', '', '```ts', code, '```', ''];
}

function boxes(kind: 'Inbox' | 'Outbox', specs: Record<string, BoxSpec>): string[] {
  const entries = Object.entries(specs);
  if (entries.length === 0) return [];
  return [
    `| ${kind.toLowerCase()} | type | description |`,
    '|---|---|---|',
    ...entries.map(
      ([name, spec]) =>
        `| \`${name}\`${spec.optional === true ? ' (optional)' : ''} | ${typeCell(spec.schema)} | ${cell(spec.description)} |`,
    ),
    '',
  ];
}

function params(definition: Definition): string[] {
  const shape = (definition.params?.shape ?? {}) as Record<string, z.ZodType>;
  const entries = Object.entries(shape);
  if (entries.length === 0) return [];
  return [
    '| param | type | default | description |',
    '|---|---|---|---|',
    ...entries.map(([name, schema]) => {
      const json = schemaJson(schema);
      const fallback = schema.safeParse(undefined).success ? 'optional' : '**required**';
      const defaultCell =
        json !== undefined && 'default' in json ? `\`${JSON.stringify(json.default)}\`` : fallback;
      return `| \`${name}\` | ${typeCell(schema)} | ${cell(defaultCell)} | ${cell(paramDescription(schema, json))} |`;
    }),
    '',
  ];
}

/** A param's one-line description, from `.describe()` (on the schema or inside its wrappers). */
export function paramDescription(schema: z.ZodType, json = schemaJson(schema)): string {
  return schema.description ?? (typeof json?.description === 'string' ? json.description : '');
}

function typeCell(schema: z.ZodType): string {
  return `\`${typeName(schema).replaceAll('|', '\\|')}\``;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function isDefinition(value: unknown): value is Definition {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof value === 'object' && value !== null && (kind === 'component' || kind === 'graph');
}

function isReference(value: unknown): value is FactoryReference {
  const r = value as Partial<FactoryReference> | null | undefined;
  return (
    typeof r?.signature === 'string' &&
    typeof r.sample === 'function' &&
    typeof r.options === 'object'
  );
}

/** The folder under src/ a module is in (`sources`, `net`, …), or `other`. */
function folderOf(source: string | undefined): string {
  const match = source === undefined ? null : /[\\/]src[\\/]([^\\/]+)[\\/][^\\/]+$/.exec(source);
  return match?.[1] ?? 'other';
}

function title(folder: string): string {
  return folder.charAt(0).toUpperCase() + folder.slice(1);
}

function label(entry: Entry): string {
  return entry.kind === 'factory' ? `${entry.name}()` : entry.name;
}

/** GitHub's anchor for a heading. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
