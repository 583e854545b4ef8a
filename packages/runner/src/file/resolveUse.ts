/**
 * Find what a component entry's `use` names: an export of a module (a package, or a file
 * relative to the graph file; TypeScript compiles on import) or another graph file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Definition } from '@plexus/core';
import { useTypeScript } from '@plexus/host';
import { nofloEquivalent } from '../convert/nofloEquivalents.ts';
import { didYouMean, listNames } from '../naming.ts';
import { isInside, projectRoot } from './projectRoot.ts';
import { refuseExit } from './refuseExit.ts';
import { resolvePackage } from './resolvePackage.ts';

const GRAPH_FILE = /\.(ya?ml|json)$/i;

/** What `use` named: a definition from a module, or a graph file to load. */
export type Used =
  | { readonly kind: 'module'; readonly definition: Definition; readonly module: string }
  | { readonly kind: 'graph'; readonly path: string };

/** A problem with `use`, and how far into the string it starts. */
export class UseError extends Error {
  constructor(
    message: string,
    readonly offset = 0,
  ) {
    super(message);
  }
}

export async function resolveUse(use: string, from: string): Promise<Used> {
  if (use.startsWith('noflo:')) {
    const closest = nofloEquivalent(use.slice(6));
    throw new UseError(
      `'${use}' is the NoFlo component ${use.slice(6)}, left there by 'plexus convert'; point 'use' at a Plexus component, ${closest === undefined ? "e.g. './mine.ts#MyComponent' (plexus components lists the standard library)" : `e.g. '${closest.use}', the closest (${closest.note})`}`,
    );
  }
  const hash = use.lastIndexOf('#');
  const specifier = hash < 0 ? use : use.slice(0, hash);
  const exportName = hash < 0 ? undefined : use.slice(hash + 1);
  if (exportName === undefined) {
    if (GRAPH_FILE.test(specifier)) return { kind: 'graph', path: resolveFile(specifier, from) };
    throw new UseError(
      `'${use}' does not say which export to use; write it as 'module#Export' (e.g. '${specifier}#MyComponent'), or name a graph file (.yaml, .json)`,
    );
  }
  const { module, exports } = await importModule(specifier, from);
  const value = exports[exportName];
  const definitions = Object.keys(exports).filter((key) => isDefinition(exports[key]));
  if (value === undefined) {
    const hint =
      didYouMean(exportName, definitions) ||
      `; its component exports are: ${listNames(definitions)}`;
    throw new UseError(`${specifier} has no export '${exportName}'${hint}`, hash + 1);
  }
  if (!isDefinition(value)) {
    throw new UseError(
      `'${exportName}' of ${specifier} is not a component: export a definition made by defineComponent() or defineGraph()`,
      hash + 1,
    );
  }
  return { kind: 'module', definition: value, module };
}

/**
 * Import a module named as a graph file names it — a package, or a path relative to `from` —
 * compiling TypeScript on import. Throws a UseError saying what could not be found or loaded.
 */
export async function importModule(
  specifier: string,
  from: string,
): Promise<{ module: string; exports: Record<string, unknown> }> {
  const module = isRelative(specifier)
    ? resolveFile(specifier, from)
    : resolveModule(specifier, from);
  let exports = imported.get(module);
  if (exports === undefined) {
    if (/\.[cm]?tsx?$/.test(module)) useTypeScript();
    exports = refuseExit(
      () => import(pathToFileURL(module).href) as Promise<Record<string, unknown>>,
    );
    imported.set(module, exports);
  }
  try {
    return { module, exports: await exports };
  } catch (error) {
    throw new UseError(`importing ${specifier} failed: ${importProblem(error)}`);
  }
}

/** Why an import failed, in one line: a compile error at its file:line:column, else the message. */
function importProblem(error: unknown): string {
  const compile = (error as { errors?: { text: string; location?: CompileLocation }[] })
    .errors?.[0];
  if (compile?.location != null) {
    const { file, line, column } = compile.location;
    return `${relative(process.cwd(), file) || file}:${line}:${column + 1}: ${compile.text}`;
  }
  if (compile !== undefined) return compile.text;
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}

interface CompileLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Modules imported so far, by resolved path. Node caches modules itself, but each `import()`
 * still goes through the loader's resolve step (with module hooks, a round trip to their
 * thread): a graph of 10,000 components using one module would pay it 10,000 times.
 */
const imported = new Map<string, Promise<Record<string, unknown>>>();

/** Whether `value` is a component or graph definition. */
export function isDefinition(value: unknown): value is Definition {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof value === 'object' && value !== null && (kind === 'component' || kind === 'graph');
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier);
}

function resolveFile(specifier: string, from: string): string {
  const path = resolve(dirname(from), specifier);
  const root = projectRoot(from);
  if (!isInside(path, root)) {
    throw new UseError(
      `${specifier} is outside this graph file's project (${root}), and a graph file uses files by path only inside its project; move the module into the project, or install it as a package and use it by package name`,
    );
  }
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) return path;
    const modules = readdirSync(path).filter((name) => /\.[cm]?[jt]sx?$/.test(name));
    throw new UseError(
      `${specifier} is a folder; name a module file in it${modules.length === 0 ? '' : ` (e.g. ${asSpecifier(relative(dirname(from), resolve(path, modules.sort()[0]!)))})`}`,
    );
  }
  const dir = dirname(path);
  const siblings = existsSync(dir) ? readdirSync(dir).filter((name) => extname(name) !== '') : [];
  const suggestion = didYouMean(basename(path), siblings).replace(
    /'([^']+)'/,
    (_, name: string) => `'${asSpecifier(relative(dirname(from), resolve(dir, name)))}'`,
  );
  const near = basename(from) === 'package.json' ? dirname(from) : basename(from);
  throw new UseError(`there is no file ${specifier} (next to ${near})${suggestion}`);
}

/** `../x.ts` stays as it is; `x.ts` becomes `./x.ts`. */
function asSpecifier(path: string): string {
  return path.startsWith('..') ? path : `./${path}`;
}

function resolveModule(specifier: string, from: string): string {
  let path: string | undefined;
  try {
    path = resolvePackage(specifier, from);
  } catch (error) {
    throw new UseError(`cannot import '${specifier}': ${(error as Error).message}`);
  }
  if (path === undefined) {
    throw new UseError(
      `cannot find the package '${specifier}' from ${basename(from)}; install it in this project, or use a path starting with './'`,
    );
  }
  return path;
}
