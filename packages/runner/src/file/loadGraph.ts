/**
 * Load a graph file: parse and validate it, resolve every component it uses (graph files used
 * as components load recursively), and check what can be checked before running. Every
 * problem found is a diagnostic at its place in the file.
 */
import { basename, resolve } from 'node:path';
import { type Definition, specialize } from '@plexus/core';
import type { Diagnostic } from '../diagnostics.ts';
import { checkGraph } from './checkGraph.ts';
import { graphFileProblem, maxGraphFileBytes } from './graphFileProblem.ts';
import { LINK_SHORTHAND } from './graphFileSchema.ts';
import type { LoadedComponent, LoadedGraph, LoadedLink } from './LoadedGraph.ts';
import { parseGraphFile } from './parseGraphFile.ts';
import { type Overrides, toDefinition } from './populate.ts';
import { resolveUse, UseError } from './resolveUse.ts';

/**
 * How a graph file is loaded.
 *
 * Today one limit: the size of a file it will read, so a huge file is refused with a
 * diagnostic rather than read into memory.
 *
 * @example
 * ```ts
 * import { loadGraph } from '@plexus/runner';
 *
 * const result = await loadGraph('app.graph.yaml', {}, { maxFileBytes: 1024 * 1024 });
 * console.log(result.diagnostics.length === 0 ? 'loaded' : 'has problems');
 * ```
 */
export interface LoadOptions {
  /**
   * Refuse graph files larger than this, in bytes (default: 64 MB, or the
   * `PLEXUS_MAX_GRAPH_FILE_MB` environment variable).
   */
  readonly maxFileBytes?: number;
}

/**
 * What `loadGraph` resolves with: the loaded graph when the file passed every check, and
 * every problem found otherwise.
 *
 * It never throws for a bad file: `graph` is undefined and `diagnostics` says why, every
 * problem in one pass. A file that loads may still have diagnostics that are only advice.
 *
 * @example
 * ```ts
 * import { formatDiagnostic, type LoadResult, loadGraph } from '@plexus/runner';
 *
 * const result: LoadResult = await loadGraph('wordcount.graph.yaml');
 * if (result.graph === undefined) {
 *   for (const d of result.diagnostics) console.error(formatDiagnostic(d));
 *   process.exitCode = 2;
 * }
 * ```
 */
export interface LoadResult {
  /** Set when the file loaded and passed every check. */
  readonly graph: LoadedGraph | undefined;
  /** Every problem found, each at its place in the file. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Load a graph file and check it, without running it.
 *
 * Parses the YAML or JSON, validates it against the graph file schema, imports every
 * component it uses (graph files used as components load recursively), and checks boxes,
 * links, params and placements. Resolves with the loaded graph when all is well, else with
 * `graph: undefined` and diagnostics — sentences at a `file:line:column` saying the fix
 * (line and column 0 when the problem is the file itself: missing, a folder, too large). It
 * never throws for a bad file, and reports every problem it can find in one pass.
 *
 * @example
 * ```ts
 * import { formatDiagnostic, loadGraph } from '@plexus/runner';
 *
 * const { graph, diagnostics } = await loadGraph('/path/to/wordcount.graph.yaml');
 * for (const d of diagnostics) console.error(formatDiagnostic(d));
 * ```
 */
export async function loadGraph(
  path: string,
  overrides: Overrides = {},
  options: LoadOptions = {},
): Promise<LoadResult> {
  return load(resolve(path), overrides, options, []);
}

async function load(
  path: string,
  overrides: Overrides,
  options: LoadOptions,
  loading: readonly string[],
): Promise<LoadResult> {
  const problem = graphFileProblem(path, options.maxFileBytes ?? maxGraphFileBytes());
  if (problem !== undefined)
    return {
      graph: undefined,
      diagnostics: [{ file: path, line: 0, column: 0, message: problem }],
    };
  const parsed = parseGraphFile(path);
  if (parsed.file === undefined) return { graph: undefined, diagnostics: parsed.diagnostics };
  const file = parsed.file;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const components: LoadedComponent[] = [];
  const unresolved = new Set<string>();
  for (const [name, entry] of Object.entries(file.components)) {
    const where = ['components', name, 'use'];
    unresolved.add(name);
    try {
      const used = await resolveUse(entry.use, path);
      if (used.kind === 'module') {
        let definition = used.definition;
        try {
          definition = withBoxes(definition, entry.params);
        } catch (error) {
          diagnostics.push(
            parsed.at(
              ['components', name, 'params'],
              `component '${name}': ${(error as Error).message}`,
            ),
          );
        }
        components.push({ name, entry, definition });
        unresolved.delete(name);
        continue;
      }
      if ([path, ...loading].includes(used.path)) {
        diagnostics.push(
          parsed.at(
            where,
            `${basename(used.path)} uses itself${loading.length === 0 ? '' : ` (through ${[...loading, path].map((p) => basename(p)).join(' -> ')})`}; a graph cannot contain itself`,
          ),
        );
        continue;
      }
      const inner = await load(used.path, overrides, options, [...loading, path]);
      diagnostics.push(...inner.diagnostics);
      if (inner.graph !== undefined) {
        const supervise = inner.graph.file.supervise;
        components.push({
          name,
          entry,
          definition: toDefinition(inner.graph, overrides),
          inner: inner.graph,
          ...(supervise === undefined ? {} : { supervise }),
        });
        unresolved.delete(name);
      }
    } catch (error) {
      if (!(error instanceof UseError)) throw error;
      diagnostics.push(
        parsed.at(where, `component '${name}': ${error.message}`, { offset: error.offset }),
      );
    }
  }
  const links = (file.links ?? []).map((link, index): LoadedLink => {
    if (typeof link !== 'string')
      return {
        index,
        from: link.from,
        to: link.to,
        capacity: link.capacity,
        priority: link.priority,
        durable: link.durable,
        offsets: undefined,
      };
    const [, from, to] = LINK_SHORTHAND.exec(link)!;
    return {
      index,
      from: from!,
      to: to!,
      capacity: undefined,
      priority: undefined,
      durable: undefined,
      offsets: { from: link.indexOf(from!), to: link.lastIndexOf(to!) },
    };
  });
  const graph: LoadedGraph = {
    path,
    name:
      file.name ??
      basename(path)
        .replace(/(\.graph)?\.(ya?ml|json)$/i, '')
        .replace(/[^\w-]/g, '_'),
    file,
    components,
    links,
    at: parsed.at,
  };
  diagnostics.push(
    ...checkGraph(graph, {
      unresolved,
      unknown: parsed.unknown ?? [],
      complete: diagnostics.length === 0,
    }),
  );
  return { graph: diagnostics.length === 0 ? graph : undefined, diagnostics };
}

/**
 * The definition with the boxes its params configure (a Switch's outbox per rule), so links to
 * them check; params that do not fit leave it as declared, and checkGraph reports them.
 */
function withBoxes(
  definition: Definition,
  params: Record<string, unknown> | undefined,
): Definition {
  if (definition.kind !== 'component' || definition.boxesFor === undefined) return definition;
  const parsed = definition.params?.safeParse(params ?? {});
  if (parsed !== undefined && !parsed.success) return definition;
  return specialize(definition, parsed?.data ?? {});
}
