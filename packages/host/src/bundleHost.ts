/**
 * One JavaScript file that runs a unit somewhere else — a child process, a node agent on
 * another host — built by esbuild from a host module and the unit's component modules
 * (TypeScript included), with every dependency inside: what runs it compiles nothing, spawns
 * nothing (which a permission sandbox requires) and reads one file.
 *
 * Every backend that bundles builds here, because esbuild's service is one per thread: it is
 * stopped (~50 MB, idle once the units have started) only when the last build in flight here
 * is done. Two counters, one per backend, once stopped it under the other's build, which then
 * never finished.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import type { BuildResult } from 'esbuild';
import { fromSource } from './execArgv.ts';

/**
 * What to bundle: a host module and its function, and the unit's component modules.
 *
 * The bundle imports every module and calls the host function with them, by the name the unit's
 * plan gives each module, so the host finds the definitions without importing anything itself.
 *
 * @example
 * ```ts
 * import type { HostBundleSpec } from '@plexus/host';
 *
 * export const spec: HostBundleSpec = {
 *   host: '/app/host.js',
 *   run: 'runHost',
 *   modules: ['/app/components.ts'],
 *   outfile: '/tmp/unit.mjs',
 * };
 * ```
 */
export interface HostBundleSpec {
  /** The module (a path) that exports the host function. */
  readonly host: string;
  /** Its export, called with the component modules by the path the plan names them. */
  readonly run: string;
  /** The unit's component modules: file paths or file URLs. */
  readonly modules: readonly string[];
  /** Packages left out of the bundle (imported at run time). */
  readonly external?: readonly string[];
  /** Where the bundle will be written: names its source map in it, and roots the map's sources. */
  readonly outfile: string;
  /**
   * Evaluate the component modules when the host asks, not when the bundle loads: `spec.run`
   * is then called with a function per module that imports it (`() => import(module)`, inside
   * the bundle). A host can so load Plexus, and be ready, before its unit is known — what a
   * spare child process does.
   */
  readonly lazy?: boolean;
}

/**
 * A built bundle, in memory: the code and its source map, to write side by side.
 *
 * The code names its map as the outfile's name plus `.map`, so write them into one directory.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import type { HostBundle } from '@plexus/host';
 *
 * export async function save(bundle: HostBundle, path: string): Promise<void> {
 *   await Promise.all([writeFile(path, bundle.code), writeFile(`${path}.map`, bundle.map)]);
 * }
 * ```
 */
export interface HostBundle {
  readonly code: Uint8Array;
  /** Mappings only (no sources' contents), its sources as file URLs: stacks name the files. */
  readonly map: string;
}

/** Builds in flight in this thread: esbuild's service stops when the last is done. */
let building = 0;

/**
 * Bundle `spec.host` and the unit's component modules into one ES module that calls
 * `spec.run({ [module]: namespace, … })` when loaded.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { bundleHost } from '@plexus/host';
 *
 * const { code, map } = await bundleHost({
 *   host: '/app/host.js',
 *   run: 'runHost',
 *   modules: ['/app/components.ts'],
 *   outfile: '/tmp/unit.mjs',
 * });
 * await writeFile('/tmp/unit.mjs', code);
 * await writeFile('/tmp/unit.mjs.map', map);
 * ```
 */
export async function bundleHost(spec: HostBundleSpec): Promise<HostBundle> {
  const result = await build(spec, false);
  const code = result.outputFiles!.find((file) => file.path.endsWith('.mjs'))!.contents;
  const raw = result.outputFiles!.find((file) => file.path.endsWith('.map'))!;
  const map = JSON.parse(raw.text) as { sources: string[] };
  const root = dirname(spec.outfile);
  map.sources = map.sources.map((source) => pathToFileURL(resolve(root, source)).href);
  return { code, map: JSON.stringify(map) };
}

/**
 * Bundle as {@link bundleHost} does, but let esbuild write the bundle to `spec.outfile` and its
 * map beside it (`.map`), the map's sources relative to the bundle's folder.
 *
 * Nothing of the bundle passes through this thread: built in memory, its code, its map as text
 * and again as parsed JSON grew the parent's heap by ~10 MB for the rest of its run (resident
 * memory of a parent of two process units: 83–85 MB, 74–78 MB written by esbuild). For a
 * bundle that runs from a file on this host (a child process); `mapStacks` resolves the
 * relative sources against the map's own path.
 *
 * @example
 * ```ts
 * import { writeHostBundle } from '@plexus/host';
 *
 * await writeHostBundle({
 *   host: '/app/host.js',
 *   run: 'runHost',
 *   modules: ['/app/components.ts'],
 *   outfile: '/tmp/unit.mjs',
 * });
 * ```
 */
export async function writeHostBundle(spec: HostBundleSpec): Promise<void> {
  await build(spec, true);
}

/** One esbuild build of the bundle `spec` describes, written to disk or kept in memory. */
async function build(spec: HostBundleSpec, write: boolean): Promise<BuildResult> {
  const { modules } = spec;
  const paths = modules.map((module) =>
    module.startsWith('file:') ? fileURLToPath(module) : module,
  );
  // Lazily: esbuild keeps each dynamic import() inside the bundle, its module (and what only it
  // imports) wrapped to be evaluated on the first call.
  const contents =
    spec.lazy === true
      ? [
          `import { ${spec.run} } from ${JSON.stringify(spec.host)};`,
          `${spec.run}({ ${modules.map((module, i) => `${JSON.stringify(module)}: () => import(${JSON.stringify(paths[i])})`).join(', ')} });`,
        ].join('\n')
      : [
          `import { ${spec.run} } from ${JSON.stringify(spec.host)};`,
          ...paths.map((path, i) => `import * as m${i} from ${JSON.stringify(path)};`),
          `${spec.run}({ ${modules.map((module, i) => `${JSON.stringify(module)}: m${i}`).join(', ')} });`,
        ].join('\n');
  const esbuild = loadEsbuild();
  building++;
  try {
    return await esbuild.build({
      stdin: {
        contents,
        resolveDir: dirname(spec.host),
        sourcefile: 'plexus-unit.ts',
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write,
      outfile: spec.outfile,
      external: [...(spec.external ?? [])],
      conditions: fromSource ? ['@plexus/source'] : [],
      // Mappings only, in a file beside the bundle: stacks point at the components' own files
      // without the bundle carrying every source twice.
      sourcemap: 'linked',
      sourcesContent: false,
      // Names are kept (stacks read them); whitespace and syntax go: less source for V8 to hold
      // in every child (a unit's bundle from source: 728 against 970 KB).
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'silent',
      // Bundled CommonJS packages may require() Node's own modules.
      banner: {
        js: "import { createRequire as __plexusRequire } from 'node:module'; const require = __plexusRequire(import.meta.url);",
      },
      tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
    });
  } finally {
    if (--building === 0) void esbuild.stop();
  }
}

/**
 * esbuild's API, loaded on the first build, not with this package: a worker thread imports
 * @plexus/host and never bundles, and esbuild's module cost every worker's start-up.
 *
 * By `require`, not `import()`: esbuild is CommonJS, and an ES import of CommonJS has Node scan
 * its source for export names (cjs-module-lexer), which grew the parent's young generation: a
 * fresh process held 55 MB of RSS after `import('esbuild')`, 44 MB after `require('esbuild')`
 * (40 MB before either).
 */
function loadEsbuild(): typeof Esbuild {
  const require = createRequire(
    typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url),
  );
  return require('esbuild') as typeof Esbuild;
}
