/**
 * A component named by `module#Export` in a param (a TcpServer's protocol, a Seq's steps, a
 * Carousel's child), loaded with `import()` where the component runs: a package, or a path
 * absolute or relative to the working directory. `@plexus/components#…` is this package,
 * whatever the working directory.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Definition } from '@plexus/core';

/** Makes the error to throw: what is wrong, the fix, and the cause if any. */
export type LoadFailure = (problem: string, fix: string, cause?: unknown) => Error;

const SELF = '@plexus/components';

/** The definition `spec` names; every failure is made by `fail`. */
export async function loadComponent(spec: string, fail: LoadFailure): Promise<Definition> {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0 || hash === spec.length - 1) {
    throw fail(
      'it does not say which module and export to use',
      "Write it as 'module#Export', e.g. './protocols.ts#Echo' or '@plexus/components#Map'.",
    );
  }
  const specifier = spec.slice(0, hash);
  const name = spec.slice(hash + 1);
  const exports =
    specifier === SELF
      ? ((await import('../index.ts')) as Record<string, unknown>)
      : await importModule(specifier, fail);
  const value = exports[name];
  const kind = (value as { kind?: unknown } | null | undefined)?.kind;
  if (kind !== 'component' && kind !== 'graph') {
    const names = Object.keys(exports).filter((key) => {
      const k = (exports[key] as { kind?: unknown } | null)?.kind;
      return k === 'component' || k === 'graph';
    });
    throw fail(
      value === undefined
        ? `${specifier} has no export '${name}'`
        : `'${name}' of ${specifier} is not a component definition`,
      `Its component exports are: ${names.length === 0 ? '(none)' : names.map((n) => `'${n}'`).join(', ')}.`,
    );
  }
  return value as Definition;
}

async function importModule(
  specifier: string,
  fail: LoadFailure,
): Promise<Record<string, unknown>> {
  let path: string;
  try {
    path =
      specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier)
        ? resolve(specifier)
        : createRequire(join(process.cwd(), 'index.js')).resolve(specifier);
  } catch (error) {
    throw fail(
      `there is no module '${specifier}' (looked from ${process.cwd()})`,
      'Install the package, or give a path relative to the working directory.',
      error,
    );
  }
  if (!existsSync(path)) {
    throw fail(
      `there is no file ${path}`,
      `A relative path is resolved against the working directory (${process.cwd()}), not against a graph file: fix the path, or make it absolute.`,
    );
  }
  try {
    return (await import(process.platform === 'win32' ? pathToFileURL(path).href : path)) as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw fail(
      `importing ${path} failed: ${(error as Error).message.split('\n')[0]}`,
      'Fix that module (a TypeScript module needs TypeScript support in this process).',
      error,
    );
  }
}
