/**
 * Whether a path can be read as a graph file at all, before it is parsed: it exists, is a
 * file, is named like a graph file, and is not larger than the limit. Each answer is a
 * sentence that says the fix.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { didYouMean, listNames } from '../naming.ts';

/** The largest graph file read, unless `PLEXUS_MAX_GRAPH_FILE_MB` says otherwise: 64 MB. */
const MAX_GRAPH_FILE_MB = 64;

const GRAPH_FILE = /\.(ya?ml|json)$/i;
const CODE = /\.[cm]?[jt]sx?$/i;

/** The size limit in force: `PLEXUS_MAX_GRAPH_FILE_MB` if set to a positive number, else 64 MB. */
export function maxGraphFileBytes(): number {
  const set = Number(process.env.PLEXUS_MAX_GRAPH_FILE_MB);
  return (Number.isFinite(set) && set > 0 ? set : MAX_GRAPH_FILE_MB) * 1024 * 1024;
}

/** Why `path` cannot be a graph file, as a sentence with the fix; undefined if it can. */
export function graphFileProblem(path: string, maxBytes: number): string | undefined {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (basename(path) === '-' && code === 'ENOENT')
      return "is not read from standard input: plexus reads a graph file by its path, since the paths in it ('use: ./parts.ts#Split') are relative to the file; save the graph in a file (e.g. app.graph.yaml) and name that file";
    if (code === 'ENOENT' || code === 'ENOTDIR') return missing(path);
    return `cannot be read (${code ?? (error as Error).message}); check its permissions`;
  }
  if (stats.isDirectory()) {
    const inside = graphFilesIn(path);
    return inside.length === 0
      ? 'is a folder, not a graph file, and holds no graph files (.yaml, .yml or .json); name a graph file'
      : `is a folder, not a graph file; name a graph file in it, e.g. ${join(relative(process.cwd(), path), inside[0]!)} (it holds ${listNames(inside.slice(0, 5))}${inside.length > 5 ? ', …' : ''})`;
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.fbp')
    return `is a NoFlo graph; convert it into a graph file first: plexus convert ${relative(process.cwd(), path) || path} -o ${basename(path, extension)}.graph.yaml`;
  if (!GRAPH_FILE.test(path)) {
    return CODE.test(path)
      ? `is code, not a graph file (graph files end in .yaml, .yml or .json); a graph file uses its components as 'use: ./${basename(path)}#ExportName', and a program runs with node`
      : 'is not named like a graph file; graph files end in .yaml, .yml or .json';
  }
  if (stats.size > maxBytes) {
    return `is ${megabytes(stats.size)} MB, and graph files are limited to ${megabytes(maxBytes)} MB; keep large data out of the graph file (a component can read it from a file), or raise the limit with PLEXUS_MAX_GRAPH_FILE_MB`;
  }
  return undefined;
}

function missing(path: string): string {
  const dir = dirname(path);
  let siblings: string[];
  try {
    siblings = readdirSync(dir);
  } catch {
    return `there is no such file: its folder ${relative(process.cwd(), dir) || dir} does not exist either; check the path`;
  }
  const hint = didYouMean(
    basename(path),
    siblings.filter((name) => GRAPH_FILE.test(name)),
  );
  return `there is no such file${hint || '; check the path'}`;
}

function graphFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => GRAPH_FILE.test(name))
      .sort();
  } catch {
    return [];
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1).replace(/\.0$/, '');
}
