/**
 * Read a graph file (YAML or JSON — one parser reads both) and validate it against the
 * schema, keeping where every value is, so each problem is reported at its line and column.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.ts';
import { didYouMean } from '../naming.ts';
import { GraphFile } from './graphFileSchema.ts';

type Path = readonly (string | number)[];

/** A parsed graph file: its content (if valid), and how to point at any part of it. */
export interface ParsedGraphFile {
  readonly path: string;
  readonly file: GraphFile | undefined;
  readonly diagnostics: Diagnostic[];
  /** A diagnostic at `path` (a key, if `key`), `offset` characters into a string value. */
  at(path: Path, message: string, options?: { key?: boolean; offset?: number }): Diagnostic;
}

export function parseGraphFile(path: string, text = readFileSync(path, 'utf8')): ParsedGraphFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    // A complex key (a map used as a key) becomes a string, which the schema then refuses.
    logLevel: 'error',
  });
  const diagnostics: Diagnostic[] = [];
  const point = (offset: number, message: string): Diagnostic => {
    const { line, col } = lines.linePos(offset);
    return { file: path, line, column: col, message };
  };
  const at: ParsedGraphFile['at'] = (where, message, options = {}) => {
    const found = locate(doc.contents as Node | null, where, options.key === true);
    const start = found?.range?.[0] ?? 0;
    const quoted =
      found !== undefined &&
      isScalar(found) &&
      (found.type === 'QUOTE_DOUBLE' || found.type === 'QUOTE_SINGLE');
    return point(
      start + (options.offset ?? 0) + (quoted && options.offset !== undefined ? 1 : 0),
      message,
    );
  };
  for (const error of doc.errors) diagnostics.push(point(error.pos[0], yamlProblem(error.message)));
  if (diagnostics.length > 0) return { path, file: undefined, diagnostics, at };
  if (!isMap(doc.contents)) {
    const held =
      doc.contents === null ? 'nothing' : isSeq(doc.contents) ? 'a list' : 'a single value';
    diagnostics.push(
      point(
        doc.contents?.range?.[0] ?? 0,
        `a graph file is a map of settings with at least 'description' and 'components', but this file holds ${held}`,
      ),
    );
    return { path, file: undefined, diagnostics, at };
  }
  let content: unknown;
  try {
    // Aliases expand here; a bad one (unresolved, or too many: an alias bomb) throws.
    content = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message;
    const alias = /alias[^:]*: (\S+)$/.exec(message)?.[1];
    const offset = alias === undefined ? -1 : text.indexOf(`*${alias}`);
    diagnostics.push(point(Math.max(0, offset), yamlProblem(message)));
    return { path, file: undefined, diagnostics, at };
  }
  const result = GraphFile.safeParse(content);
  if (!result.success) {
    for (const issue of result.error.issues) diagnostics.push(describeIssue(issue, at));
    return { path, file: undefined, diagnostics, at };
  }
  return { path, file: result.data, diagnostics, at };
}

/** The node at `path` (the key node of the last step, if `key`), or the nearest one above. */
function locate(root: Node | null, path: Path, key: boolean): Node | undefined {
  let node: Node | null | undefined = root;
  let keyNode: Node | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(step),
      );
      if (pair === undefined) return node;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
      if (node === null) return keyNode;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (item === undefined) return node;
      keyNode = undefined;
      node = item;
    } else {
      return node ?? undefined;
    }
  }
  return key && keyNode !== undefined ? keyNode : (node ?? undefined);
}

function yamlProblem(message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `the file is not valid YAML or JSON: ${first}`;
}

const KNOWN_KEYS: Record<string, readonly string[]> = {
  graph: [
    '$schema',
    'name',
    'description',
    'components',
    'links',
    'inboxes',
    'outboxes',
    'initial',
    'capacity',
    'supervise',
    'comment',
  ],
  component: [
    'use',
    'params',
    'backend',
    'group',
    'replicas',
    'ordered',
    'options',
    'supervise',
    'comment',
  ],
  supervise: ['strategy', 'maxRestarts', 'withinMs', 'backoffMs', 'maxBackoffMs', 'onCrash'],
  link: ['from', 'to', 'capacity', 'comment'],
  options: ['resourceLimits', 'env', 'cwd', 'memoryMb', 'youngMb', 'permissions', 'external'],
  permissions: ['read', 'write', 'childProcess', 'worker', 'env'],
  resourceLimits: [
    'maxOldGenerationSizeMb',
    'maxYoungGenerationSizeMb',
    'codeRangeSizeMb',
    'stackSizeMb',
  ],
  inbox: ['to', 'description'],
  outbox: ['from', 'description'],
};

function keysAt(path: Path): readonly string[] {
  if (path.length === 0) return KNOWN_KEYS.graph!;
  if (path.length === 1 && path[0] === 'supervise') return KNOWN_KEYS.supervise!;
  if (path[0] === 'components' && path.length === 2) return KNOWN_KEYS.component!;
  if (path[0] === 'components' && path.length >= 3) return KNOWN_KEYS[String(path.at(-1))] ?? [];
  if (path[0] === 'links') return KNOWN_KEYS.link!;
  if (path[0] === 'inboxes') return KNOWN_KEYS.inbox!;
  if (path[0] === 'outboxes') return KNOWN_KEYS.outbox!;
  return [];
}

function describeIssue(issue: z.core.$ZodIssue, at: ParsedGraphFile['at']): Diagnostic {
  const path = issue.path as (string | number)[];
  const name = pathName(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(path);
      const key = issue.keys[0]!;
      const hint = didYouMean(key, known) || `; its settings are: ${known.join(', ')}`;
      return at(
        [...path, key],
        `${name === 'the graph' ? 'a graph' : name} has no setting '${key}'${hint}`,
        { key: true },
      );
    }
    case 'invalid_type':
      if (issue.input === undefined)
        return at(
          path.slice(0, -1),
          `${pathName(path.slice(0, -1))} needs '${String(path[path.length - 1])}'`,
          { key: true },
        );
      return at(path, `${name} must be ${article(issue.expected)}`);
    case 'invalid_value':
      return at(path, `${name} must be one of ${issue.values.map((v) => String(v)).join(', ')}`);
    case 'invalid_union': {
      // A link written as an object: say what is wrong with the object, not with the union.
      const asObject = issue.errors[1];
      if (
        path[0] === 'links' &&
        asObject !== undefined &&
        asObject.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys')
      )
        return describeIssue(
          { ...asObject[0]!, path: [...path, ...asObject[0]!.path] } as z.core.$ZodIssue,
          at,
        );
      return at(
        path,
        path[0] === 'links'
          ? `${name} must be 'component.box -> component.box' or { from, to, capacity }`
          : `${name} is not valid: ${issue.message}`,
      );
    }
    case 'too_small':
    case 'too_big': {
      const bound = `${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`;
      return at(
        path,
        issue.origin === 'array' || issue.origin === 'string'
          ? `${name} must have ${bound} ${issue.origin === 'array' ? 'entries' : 'characters'}`
          : `${name} must be ${bound}`,
      );
    }
    case 'invalid_key':
      return at(path, `${name}: ${issue.issues[0]?.message ?? issue.message}`, { key: true });
    default:
      return at(path, `${name}: ${issue.message}`);
  }
}

/** `the graph`, `link 2`, `link 2's 'capacity'`, `'components.split.backend'`. */
function pathName(path: Path): string {
  if (path.length === 0) return 'the graph';
  if (path[0] === 'links' && typeof path[1] === 'number') {
    const rest = path.slice(2);
    return `link ${path[1] + 1}${rest.length === 0 ? '' : `'s '${rest.join('.')}'`}`;
  }
  return `'${path.join('.')}'`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
