/**
 * Read a graph file (YAML or JSON — one parser reads both) and validate it against the
 * schema, keeping how to find where every value is, so each problem is reported at its line
 * and column. js-yaml's event parser reads it (a 50 MB file in seconds, in a few hundred MB);
 * the `yaml` package words the syntax errors of files up to 1 MB, as its messages say more.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics.ts';
import { describeIssue } from './describeIssue.ts';
import { GraphFile } from './graphFileSchema.ts';
import type { ParsedGraphFile } from './ParsedGraphFile.ts';
import { scalarOffset } from './scalarOffset.ts';
import { readYaml, YamlLocator } from './yamlSource.ts';

type Path = readonly (string | number)[];

/** Files up to this size have their YAML syntax errors worded by the `yaml` package. */
const WORDED_ERRORS_MAX = 1 << 20;

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/**
 * The `yaml` package, loaded only to word a syntax error: a file that reads well never needs it,
 * and loading it is a tenth of a run's start-up.
 */
function yamlPackage(): typeof import('yaml') {
  return createRequire(join(here, 'parseGraphFile.js'))('yaml');
}

export function parseGraphFile(path: string, text = readFileSync(path, 'utf8')): ParsedGraphFile {
  const lines = lineStarts(text);
  const point = (offset: number, message: string): Diagnostic => {
    const { line, column } = lines(offset);
    return { file: path, line, column, message };
  };
  const locator = new YamlLocator(text);
  const at: ParsedGraphFile['at'] = (where, message, options = {}) => {
    const { offset, scalar } = locator.locate(where, options.key === true);
    if (options.offset !== undefined && scalar !== undefined)
      return point(scalarOffset(scalar, text, options.offset), message);
    return point(Math.max(0, offset) + (options.offset ?? 0), message);
  };
  const diagnostics: Diagnostic[] = [];
  let content: unknown;
  try {
    content = readYaml(text);
  } catch (error) {
    diagnostics.push(...syntaxProblems(text, error, point));
    return { path, file: undefined, diagnostics, at };
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    const held =
      content === null ? 'nothing' : Array.isArray(content) ? 'a list' : 'a single value';
    diagnostics.push(
      at(
        [],
        `a graph file is a map of settings with at least 'description' and 'components', but this file holds ${held}`,
      ),
    );
    return { path, file: undefined, diagnostics, at };
  }
  const result = GraphFile.safeParse(content, { reportInput: true });
  if (result.success) return { path, file: result.data, diagnostics, at };
  for (const issue of result.error.issues) diagnostics.push(...describeIssue(issue, at));
  // Unknown keys alone do not stop the checks that follow: without them the file may load,
  // and what else is wrong with it is reported in the same pass.
  const { issues } = result.error;
  if (issues.every((issue) => issue.code === 'unrecognized_keys')) {
    const unknown = issues.flatMap((issue) => issue.keys.map((key) => [...issue.path, key]));
    for (const where of unknown) remove(content, where as Path);
    const again = GraphFile.safeParse(content);
    if (again.success)
      return { path, file: again.data, diagnostics, at, unknown: unknown as Path[] };
  }
  return { path, file: undefined, diagnostics, at };
}

/** Delete the key at `path` from freshly parsed content. */
function remove(content: object, path: Path): void {
  let node = content as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  delete node[path[path.length - 1]!];
}

/**
 * What makes `text` not YAML, worded by the `yaml` package when the file is small enough for
 * it (its messages say more), else by js-yaml's `error`.
 */
function syntaxProblems(
  text: string,
  error: unknown,
  point: (offset: number, message: string) => Diagnostic,
): Diagnostic[] {
  if (text.length <= WORDED_ERRORS_MAX) {
    const { isMap, LineCounter, parseDocument } = yamlPackage();
    const doc = parseDocument(text, {
      lineCounter: new LineCounter(),
      prettyErrors: false,
      uniqueKeys: true,
      logLevel: 'error',
    });
    if (doc.errors.length > 0)
      return doc.errors.map((e) => point(e.pos[0], yamlProblem(e.message)));
    if (isMap(doc.contents)) {
      try {
        doc.toJS({ maxAliasCount: 100 });
      } catch (thrown) {
        const message = (thrown as Error).message;
        const alias = /alias[^:]*: (\S+)$/.exec(message)?.[1];
        const offset = alias === undefined ? -1 : text.indexOf(`*${alias}`);
        return [point(Math.max(0, offset), yamlProblem(message))];
      }
    }
  }
  const e = error as { reason?: string; message?: string; mark?: { position?: number } };
  return [point(e.mark?.position ?? 0, yamlProblem(e.reason ?? e.message ?? String(error)))];
}

function yamlProblem(message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `the file is not valid YAML or JSON: ${first}`;
}

/** Line and column (from 1) of an offset into `text`. */
function lineStarts(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (starts === undefined) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

export type { ParsedGraphFile };
