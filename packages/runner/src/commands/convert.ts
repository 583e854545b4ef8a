/**
 * `plexus convert <file>`: a NoFlo graph (.fbp or NoFlo JSON) or a Node-RED flow (flows.json)
 * as a Plexus graph file; or a Plexus graph file (.yaml, or .json with 'components') as NoFlo
 * JSON. What is not carried over is reported on stderr.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { fromNodeRed, type NodeRedNode } from '../convert/fromNodeRed.ts';
import { fromNoflo, parseFbp } from '../convert/fromNoflo.ts';
import { toNoflo } from '../convert/toNoflo.ts';
import { maxGraphFileBytes } from '../file/graphFileProblem.ts';
import { GraphFile } from '../file/graphFileSchema.ts';
import type { Output } from '../output.ts';
import { schemaPath } from '../schemaPath.ts';
import { writeOutput } from './writeOutput.ts';

export function convertCommand(path: string, options: { output?: string }, output: Output): number {
  const problem = inputProblem(resolve(path));
  if (problem !== undefined) {
    output.err(`${path}: ${problem}`);
    return 2;
  }
  const text = readFileSync(path, 'utf8');
  const target = options.output === undefined ? undefined : resolve(options.output);
  const name = basename(path)
    .replace(/(\.graph)?\.(fbp|json|ya?ml)$/, '')
    .replace(/[^\w-]/g, '_')
    .replace(/^(?=[^A-Za-z_])/, '_');
  let json: unknown;
  if (path.endsWith('.json')) {
    try {
      json = JSON.parse(text);
    } catch (error) {
      output.err(`${path}: this is not JSON: ${(error as Error).message}`);
      return 2;
    }
  }
  const done = (text: string, report: readonly string[], what: string, file: string) =>
    finish({ text, report, what, file }, options.output, output);
  // A Plexus graph file: to NoFlo JSON.
  if (/\.ya?ml$/.test(path) || (isObject(json) && 'components' in json)) {
    const parsed = GraphFile.safeParse(json ?? parse(text));
    if (!parsed.success) {
      output.err(`${path}: this is not a valid graph file; run 'plexus check ${path}' to see why.`);
      return 2;
    }
    const { noflo, report } = toNoflo(parsed.data, parsed.data.name ?? name);
    return done(`${JSON.stringify(noflo, null, 2)}\n`, report, 'NoFlo JSON', `${name}.json`);
  }
  const schema =
    relative(target === undefined ? process.cwd() : dirname(target), schemaPath()) || schemaPath();
  // A Node-RED flow: an array of nodes with types and wires.
  if (Array.isArray(json)) {
    if (
      !json.every(
        (node) => isObject(node) && typeof node.id === 'string' && typeof node.type === 'string',
      )
    ) {
      output.err(
        `${path}: this is a JSON array, but not a Node-RED flow (nodes with an id and a type).`,
      );
      return 2;
    }
    const { yaml, report } = fromNodeRed(json as NodeRedNode[], { name, schema });
    return done(yaml, report, 'a graph file', `${name}.graph.yaml`);
  }
  let noflo: Parameters<typeof fromNoflo>[0];
  try {
    noflo = json !== undefined ? (json as typeof noflo) : parseFbp(text);
  } catch (error) {
    const e = error as Error & { location?: { start: { line: number; column: number } } };
    const where =
      e.location === undefined ? '' : `${e.location.start.line}:${e.location.start.column}:`;
    output.err(
      `${path}:${where} this is not a NoFlo graph (.fbp or NoFlo JSON), a Node-RED flow or a graph file: ${e.message}`,
    );
    return 2;
  }
  const { yaml, report } = fromNoflo(noflo, { name, schema });
  return done(yaml, report, 'a graph file', `${name}.graph.yaml`);
}

/** Print or write (`-o given`) what was converted, then the notes of what was not. */
function finish(
  converted: { text: string; report: readonly string[]; what: string; file: string },
  given: string | undefined,
  output: Output,
): number {
  const { text, report, what, file } = converted;
  if (given === undefined) output.out(text.trimEnd());
  else {
    const failed = writeOutput(given, text, file);
    if (failed !== undefined) {
      output.err(`plexus convert: ${failed}`);
      return 2;
    }
  }
  for (const line of report) output.err(`note: ${line}`);
  const notes = report.length === 1 ? 'with 1 note above' : `with ${report.length} notes above`;
  output.err(
    `Converted to ${what}${report.length === 0 ? '' : `, ${notes}`}${given === undefined ? '' : `, in ${given}`}.`,
  );
  return 0;
}

/** Why `path` cannot be read for converting, as a sentence with the fix. */
function inputProblem(path: string): string | undefined {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (basename(path) === '-' && code === 'ENOENT')
      return 'is not read from standard input; save the graph in a file (.fbp, .json or .yaml) and name that file';
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? 'there is no such file; check the path'
      : `cannot be read (${code}); check its permissions`;
  }
  if (stats.isDirectory())
    return 'is a folder; name a file in it (a NoFlo .fbp or .json, a Node-RED flows.json, or a graph file)';
  if (stats.size > maxGraphFileBytes())
    return 'is larger than graph files may be (see PLEXUS_MAX_GRAPH_FILE_MB)';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
