/** `plexus convert <file.fbp|file.json>`: import a NoFlo graph as a Plexus graph file. */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fromNoflo, parseFbp } from '../convert/fromNoflo.ts';
import { maxGraphFileBytes } from '../file/graphFileProblem.ts';
import type { Output } from '../output.ts';
import { schemaPath } from '../schemaPath.ts';
import { writeOutput } from './writeOutput.ts';

export function convertCommand(path: string, options: { output?: string }, output: Output): number {
  const problem = nofloFileProblem(resolve(path));
  if (problem !== undefined) {
    output.err(`${path}: ${problem}`);
    return 2;
  }
  const text = readFileSync(path, 'utf8');
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
  else {
    const failed = writeOutput(options.output!, yaml, `${name}.graph.yaml`);
    if (failed !== undefined) {
      output.err(`plexus convert: ${failed}`);
      return 2;
    }
  }
  for (const line of report) output.err(`note: ${line}`);
  output.err(
    `${report.length === 0 ? 'Converted' : `Converted, with ${report.length} note${report.length === 1 ? '' : 's'} above`}${target === undefined ? '' : ` into ${options.output}`}.`,
  );
  return 0;
}

/** Why `path` cannot be read as a NoFlo graph, as a sentence with the fix. */
function nofloFileProblem(path: string): string | undefined {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (basename(path) === '-' && code === 'ENOENT')
      return 'is not read from standard input; save the NoFlo graph in a file (.fbp or .json) and name that file';
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? 'there is no such file; check the path'
      : `cannot be read (${code}); check its permissions`;
  }
  if (stats.isDirectory()) return 'is a folder; name a NoFlo graph file (.fbp or .json) in it';
  if (/\.ya?ml$/i.test(path))
    return 'is YAML, and plexus convert reads NoFlo graphs (.fbp, or NoFlo JSON); a Plexus graph file needs no converting: plexus check it, or plexus run it';
  if (stats.size > maxGraphFileBytes())
    return 'is larger than graph files may be (see PLEXUS_MAX_GRAPH_FILE_MB)';
  return undefined;
}
