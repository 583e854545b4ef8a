/**
 * Find the file a package specifier names, as an `import` written in the graph file's folder
 * would: through the package's "exports" with the conditions of an ES module import (`node`,
 * `import`, `default`, and any `--conditions` this process runs with). The runner loads every
 * module with `import()`, so this gives the same module the user's own imports get — the ESM
 * build of a dual package, never its CommonJS build beside it. A package without "exports"
 * resolves as Node resolves its "main".
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';
import { fromSource } from '@plexus/host';
import { exports as resolveExports } from 'resolve.exports';

interface PackageJson {
  readonly name?: string;
  readonly exports?: unknown;
}

/**
 * The file `specifier` (a bare package name, with or without a subpath) means from `from`, or
 * undefined when no such package is installed there. Throws when the package is there but does
 * not export that subpath.
 */
export function resolvePackage(specifier: string, from: string): string | undefined {
  const name = packageName(specifier);
  const dir = packageDir(name, from);
  if (dir === undefined) return undefined;
  const pkg = readPackage(dir);
  if (pkg?.exports === undefined) return createRequire(from).resolve(specifier);
  const subpath = `.${specifier.slice(name.length)}`;
  let target: string | undefined;
  try {
    target = resolveExports(pkg, subpath, { conditions: importConditions() })?.[0];
  } catch {}
  if (target === undefined) {
    throw new Error(
      `the package '${name}' does not export '${subpath}' for import; use one of the paths in the "exports" of its package.json`,
    );
  }
  return realpathSync(join(dir, target));
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The package's folder: `from`'s own package if named so, else the nearest node_modules/<name>. */
function packageDir(name: string, from: string): string | undefined {
  const own = nearestPackage(dirname(from));
  if (own !== undefined && readPackage(own)?.name === name) return own;
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === parse(dir).root) return undefined;
  }
}

function nearestPackage(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === parse(dir).root) return undefined;
  }
}

function readPackage(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The extra conditions this process was started with (`--conditions`, `-C`), as Node uses. */
function importConditions(): string[] {
  const conditions = fromSource ? ['@plexus/source'] : [];
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const inline = /^(?:--conditions|-C)=(.+)$/.exec(arg);
    if (inline?.[1] !== undefined) conditions.push(inline[1]);
    else if ((arg === '--conditions' || arg === '-C') && args[i + 1] !== undefined) {
      conditions.push(args[++i] as string);
    }
  }
  return conditions;
}
