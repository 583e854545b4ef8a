/**
 * Stack traces in a child process (the process backend's, a NATS node's unit) point at the components' own files, mapped through the bundle's
 * source map, which is read the first time a stack is formatted and looked up a line at a time
 * (lazySourceMap.ts).
 *
 * Node's `--enable-source-maps` decodes the whole map into arrays as the bundle loads: a child
 * kept the arrays, and their garbage grew its young generation to full size — ~11 MB of
 * resident memory per child, with or without an error (a bundle loaded in ~50 MB, ~61 MB with
 * the flag, young generation capped alike). Frames are V8's own text with the bundle's location
 * replaced by the original one, as Node writes it (a path, not a URL); frames inside a
 * dependency, which the map leaves unmapped (trimSourceMap.ts), keep the bundle's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LazySourceMap } from './lazySourceMap.ts';

/**
 * Format every stack with frames in `bundle` (a path) mapped through `bundle`.map.
 *
 * Call it first thing in the program the bundle is (before the component modules are
 * evaluated); the map is read when a stack is first formatted.
 *
 * @example
 * ```ts
 * import { mapStacks } from '@plexus/host';
 *
 * if (process.argv[1] !== undefined) mapStacks(process.argv[1]);
 * ```
 */
export function mapStacks(bundle: string): void {
  const url = pathToFileURL(bundle).href;
  let map: LazySourceMap | null | undefined;
  const load = (): LazySourceMap | null => {
    try {
      const { sources, mappings } = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as {
        sources: string[];
        mappings: string;
      };
      const base = pathToFileURL(`${bundle}.map`);
      return new LazySourceMap(
        mappings,
        sources.map((source) => fileURLToPath(new URL(source, base))),
      );
    } catch {
      return null;
    }
  };
  const frame = (site: NodeJS.CallSite): string => {
    const text = site.toString();
    const file = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if ((file !== url && file !== bundle) || line === null || column === null) return text;
    map ??= load();
    const original = map?.find(line, column);
    if (original === undefined) return text;
    return text.replace(
      `${file}:${line}:${column}`,
      `${original.source}:${original.line}:${original.column}`,
    );
  };
  Error.prepareStackTrace = (error, sites) => {
    let head: string;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = '<error>';
    }
    return sites.length === 0
      ? head
      : `${head}\n${sites.map((s) => `    at ${frame(s)}`).join('\n')}`;
  };
}
