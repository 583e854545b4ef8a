/**
 * Fuzzing the graph-file loader: mutations of valid YAML and JSON graph files — of their text
 * (characters and lines inserted, deleted, swapped; YAML syntax dropped in) and of their
 * structure (values replaced by random JSON, keys removed, added and renamed, `use` pointed
 * elsewhere) — never crash it. Every case either loads, and then builds into a graph, or
 * fails with diagnostics that each have a line, a column and a sentence.
 *
 * At least 10,000 cases run by default; `PLEXUS_PROPERTY_RUNS` raises it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { loadGraph, populate } from '@plexus/runner';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { toDefinition } from '../src/file/populate.ts';

const CASES = Math.max(10_000, Number(process.env.PLEXUS_PROPERTY_RUNS ?? 0));
const dir = join(__dirname, 'fuzz');
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(join(dir, 'case.graph.yaml'), { force: true }));

const SEEDS = [
  `description: Shouts its words and prints them.
components:
  words: { use: ../fixtures/parts.ts#Words, params: { words: [hello, flow, world] } }
  shout: { use: ../fixtures/parts.ts#Shout, backend: worker, group: g, supervise: { maxRestarts: 2 } }
  print: { use: ../fixtures/parts.ts#Print, params: { prefix: "> " } }
links:
  - words.out -> shout.in
  - { from: shout.out, to: print.in, capacity: 4 }
`,
  `name: loud
description: A graph used as a component.
capacity: 16
inboxes:
  in: { to: shout.in, description: Words. }
outboxes:
  out: { from: [shout.out], description: Loud words. }
components:
  shout: { use: ../fixtures/parts.ts#Shout, replicas: 2, ordered: true, backend: process, options: { memoryMb: 64 } }
`,
  JSON.stringify(
    {
      description: 'Measures words, given as initial messages.',
      components: {
        measure: { use: '../fixtures/parts.ts#Measure', comment: 'lengths' },
        loud: { use: '../fixtures/loud.graph.yaml' },
        print: { use: '../fixtures/parts.ts#Print' },
      },
      links: ['loud.out -> print.in'],
      initial: { 'loud.in': ['a', 'bb'] },
      outboxes: { lengths: { from: 'measure.out', description: 'Lengths.' } },
      inboxes: { words: { to: ['measure.in'], description: 'Words.' } },
    },
    null,
    2,
  ),
];

const TOKENS = [
  ':',
  ': ',
  '-',
  '- ',
  '#',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '->',
  '.',
  '&a ',
  '*a',
  '!!str ',
  '!!js/function ',
  '? ',
  '|\n',
  '>\n',
  '\t',
  '\n',
  '\n  ',
  '~',
  'null',
  'true',
  '1e999',
  '-1',
  '0',
  '__proto__',
  'constructor',
  '<<: *a',
  '%YAML 1.2\n---\n',
  '...',
  '\u0000',
  '\uFEFF',
  'é',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal '${x}' is the point
  '${x}',
  '../',
  '#Words',
  '.in',
  '.out',
  'self.',
  'worker',
  'process',
  'inline',
];

type Op =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'lines'; how: 'drop' | 'dup' | 'swap' | 'indent' | 'dedent'; at: number; other: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const textOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })),
  }) as fc.Arbitrary<Op>,
  fc.record({
    kind: fc.constant('delete' as const),
    at: position,
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('lines' as const),
    how: fc.constantFrom('drop', 'dup', 'swap', 'indent', 'dedent'),
    at: position,
    other: position,
  }) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

function applyText(text: string, op: Op): string {
  const at = (p: number, n: number) => Math.floor(p * n);
  switch (op.kind) {
    case 'insert': {
      const i = at(op.at, text.length + 1);
      return text.slice(0, i) + op.text + text.slice(i);
    }
    case 'delete': {
      const i = at(op.at, text.length);
      return text.slice(0, i) + text.slice(i + op.length);
    }
    case 'truncate':
      return text.slice(0, at(op.at, text.length));
    case 'lines': {
      const lines = text.split('\n');
      const i = at(op.at, lines.length);
      const j = at(op.other, lines.length);
      if (op.how === 'drop') lines.splice(i, 1);
      else if (op.how === 'dup') lines.splice(i, 0, lines[i] ?? '');
      else if (op.how === 'swap') [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      else if (op.how === 'indent') lines[i] = `  ${lines[i]}`;
      else lines[i] = (lines[i] ?? '').replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
  }
}

const USES = [
  '../fixtures/parts.ts#Words',
  '../fixtures/parts.ts#Shout',
  '../fixtures/parts.ts#Print',
  '../fixtures/parts.ts#Measure',
  '../fixtures/parts.ts#notAComponent',
  '../fixtures/parts.ts',
  '../fixtures/parts.ts#',
  '#Words',
  '../fixtures/nowhere.ts#Words',
  '../fixtures/loud.graph.yaml',
  '../fixtures/shout.graph.yaml',
  './case.graph.yaml',
  '@plexus/nowhere#Words',
  '@plexus/components#Nope',
  '../../../../../../../../tmp/outside.ts#X',
  '/etc/hostname#X',
  '',
];
const KEYS = [
  'description',
  'components',
  'links',
  'inboxes',
  'outboxes',
  'initial',
  'capacity',
  'name',
  'use',
  'params',
  'backend',
  'group',
  'replicas',
  'ordered',
  'options',
  'supervise',
  'comment',
  'from',
  'to',
  'strategy',
  'maxRestarts',
  'withinMs',
  'onCrash',
  'bogus',
  '__proto__',
  '',
];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...USES),
  fc.constantFrom('words.out -> shout.in', 'a.b -> c.d', 'shout.in -> words.out', '->', 'x.y'),
  fc.constantFrom(-1, 0, 1, 2.5, 1e9, Number.MAX_SAFE_INTEGER, 'one-for-all', 'retry', 'worker'),
);

type Edit =
  | { kind: 'set'; path: number[]; value: unknown }
  | { kind: 'delete'; path: number[] }
  | { kind: 'add'; path: number[]; key: string; value: unknown }
  | { kind: 'rename'; path: number[]; key: string };
const path = fc.array(fc.nat(), { minLength: 0, maxLength: 4 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path, value }),
  fc.record({ kind: fc.constant('delete' as const), path }),
  fc.record({ kind: fc.constant('add' as const), path, key: fc.constantFrom(...KEYS), value }),
  fc.record({ kind: fc.constant('rename' as const), path, key: fc.constantFrom(...KEYS) }),
);

/** Apply an edit at the node the path's numbers choose (each picks a child by position). */
function applyEdit(root: unknown, e: Edit): unknown {
  if (typeof root !== 'object' || root === null) return e.kind === 'set' ? e.value : root;
  let node = root as Record<string, unknown>;
  for (const step of e.path.slice(0, -1)) {
    const keys = Object.keys(node);
    const next = keys.length === 0 ? undefined : node[keys[step % keys.length]!];
    if (typeof next !== 'object' || next === null) break;
    node = next as Record<string, unknown>;
  }
  const keys = Object.keys(node);
  const key = keys.length === 0 ? undefined : keys[(e.path.at(-1) ?? 0) % keys.length]!;
  if (e.kind === 'add') {
    Object.defineProperty(node, e.key, {
      value: e.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (key !== undefined) {
    if (e.kind === 'set') node[key] = e.value;
    else if (e.kind === 'delete') delete node[key];
    else if (Array.isArray(node)) node[Number(key)] = e.key;
    else {
      const moved = node[key];
      delete node[key];
      Object.defineProperty(node, e.key, {
        value: moved,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}

const seed = fc.integer({ min: 0, max: SEEDS.length - 1 });
const textCase = fc
  .tuple(seed, fc.array(textOp, { minLength: 1, maxLength: 4 }))
  .map(([s, ops]) => ops.reduce(applyText, SEEDS[s]!));
const structureCase = fc
  .tuple(seed, fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([s, edits, json]) => {
    const tree = edits.reduce(applyEdit, parse(SEEDS[s]!) as unknown);
    return json ? (JSON.stringify(tree, null, 2) ?? 'null') : stringify(tree);
  });

/**
 * Write the case as a new file: overwriting one in place costs ~2 ms on ext4 (a truncated file
 * is flushed when closed), five times what the loader takes, 10,000 times over.
 */
function writeCase(text: string): string {
  const file = join(dir, 'case.graph.yaml');
  rmSync(file, { force: true });
  writeFileSync(file, text);
  return file;
}

/** Why a diagnostic is not a located sentence, or undefined when it is one. */
function unlocated(d: { line: unknown; column: unknown; message: unknown }): string | undefined {
  if (!Number.isInteger(d.line) || (d.line as number) < 1) return `line ${String(d.line)}`;
  if (!Number.isInteger(d.column) || (d.column as number) < 1) return `column ${String(d.column)}`;
  if (typeof d.message !== 'string' || d.message.length === 0) return 'no message';
  if (/\[object Object\]|undefined is not|Cannot read prop/.test(d.message)) return 'a raw message';
  return undefined;
}

/**
 * One case. Plain checks that throw, rather than `expect` per diagnostic: fast-check reports
 * and shrinks a throw the same way, and jest's matchers cost more than the loader here.
 */
async function check(text: string): Promise<void> {
  const file = writeCase(text);
  const { graph: loaded, diagnostics } = await loadGraph(file);
  if (loaded !== undefined) {
    if (diagnostics.length > 0)
      throw new Error(`a graph loaded with diagnostics: ${JSON.stringify(diagnostics)}`);
    // What loads also builds: every problem was found by the loader, with a place. A file
    // that exports boxes is built as what it is meant to be, a component.
    const exports = loaded.file.inboxes !== undefined || loaded.file.outboxes !== undefined;
    if (exports) graph('outer').add('inner', toDefinition(loaded));
    else populate(graph(loaded.name), loaded);
    return;
  }
  if (diagnostics.length === 0) throw new Error('the file failed to load with no diagnostic');
  for (const d of diagnostics) {
    const why = unlocated(d);
    if (why !== undefined) throw new Error(`${why} in diagnostic ${JSON.stringify(d)}`);
  }
}

describe('fuzzing the graph-file loader', () => {
  test('every seed loads', async () => {
    for (const text of SEEDS) {
      const { diagnostics } = await loadGraph(writeCase(text));
      expect(diagnostics).toEqual([]);
    }
  });

  test(`${CASES} mutated graph files: each loads or fails with located messages, none crashes the loader`, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(textCase, structureCase), check), {
      numRuns: CASES,
    });
  }, 600_000);
});
