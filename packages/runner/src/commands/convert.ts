/**
 * `plexus convert <file>`: a NoFlo graph (.fbp or NoFlo JSON) or a Node-RED flow (flows.json)
 * as a Plexus graph file; or a Plexus graph file (.yaml, or .json with 'components') as NoFlo
 * JSON. What is not carried over is reported on stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { fromNodeRed, type NodeRedNode } from '../convert/fromNodeRed.ts';
import { fromNoflo, parseFbp } from '../convert/fromNoflo.ts';
import { toNoflo } from '../convert/toNoflo.ts';
import { GraphFile } from '../file/graphFileSchema.ts';
import type { Output } from '../output.ts';
import { schemaPath } from '../schemaPath.ts';

export function convertCommand(path: string, options: { output?: string }, output: Output): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    output.err(`plexus convert: cannot read ${path}.`);
    return 2;
  }
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
  // A Plexus graph file: to NoFlo JSON.
  if (/\.ya?ml$/.test(path) || (isObject(json) && 'components' in json)) {
    const parsed = GraphFile.safeParse(json ?? parse(text));
    if (!parsed.success) {
      output.err(`${path}: this is not a valid graph file; run 'plexus check ${path}' to see why.`);
      return 2;
    }
    const { noflo, report } = toNoflo(parsed.data, parsed.data.name ?? name);
    return finish(
      `${JSON.stringify(noflo, null, 2)}\n`,
      report,
      target,
      options.output,
      output,
      'NoFlo JSON',
    );
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
    return finish(yaml, report, target, options.output, output, 'a graph file');
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
  return finish(yaml, report, target, options.output, output, 'a graph file');
}

function finish(
  text: string,
  report: readonly string[],
  target: string | undefined,
  given: string | undefined,
  output: Output,
  what: string,
): number {
  if (target === undefined) output.out(text.trimEnd());
  else writeFileSync(target, text);
  for (const line of report) output.err(`note: ${line}`);
  output.err(
    `${report.length === 0 ? `Converted to ${what}` : `Converted to ${what}, with ${report.length} note${report.length === 1 ? '' : 's'} above`}${target === undefined ? '' : ` in ${given}`}.`,
  );
  return 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
