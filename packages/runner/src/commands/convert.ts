/** `plexus convert <file.fbp|file.json>`: import a NoFlo graph as a Plexus graph file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fromNoflo, parseFbp } from '../convert/fromNoflo.ts';
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
  let noflo: Parameters<typeof fromNoflo>[0];
  try {
    noflo = path.endsWith('.json') ? JSON.parse(text) : parseFbp(text);
  } catch (error) {
    const e = error as Error & { location?: { start: { line: number; column: number } } };
    const where =
      e.location === undefined ? '' : `${e.location.start.line}:${e.location.start.column}:`;
    output.err(`${path}:${where} this is not a NoFlo graph (.fbp or NoFlo JSON): ${e.message}`);
    return 2;
  }
  const target = options.output === undefined ? undefined : resolve(options.output);
  const schema =
    relative(target === undefined ? process.cwd() : dirname(target), schemaPath()) || schemaPath();
  const name = basename(path)
    .replace(/\.(fbp|json)$/, '')
    .replace(/[^\w-]/g, '_')
    .replace(/^(?=[^A-Za-z_])/, '_');
  const { yaml, report } = fromNoflo(noflo, { name, schema });
  if (target === undefined) output.out(yaml);
  else writeFileSync(target, yaml);
  for (const line of report) output.err(`note: ${line}`);
  output.err(
    `${report.length === 0 ? 'Converted' : `Converted, with ${report.length} note${report.length === 1 ? '' : 's'} above`}${target === undefined ? '' : ` into ${options.output}`}.`,
  );
  return 0;
}
