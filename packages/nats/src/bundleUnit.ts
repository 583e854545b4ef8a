/**
 * What a node runs for a unit: one JavaScript file, built by esbuild on the coordinator from
 * the NATS unit host and the unit's component modules (TypeScript included) with every
 * dependency inside, so the node needs no checkout of the project — only Node and this file.
 * A bundle is named by the SHA-256 of its bytes: the same code is shipped once and cached.
 */
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromSource } from '@plexus/host';
import { build, stop } from 'esbuild';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
const hostModule = join(here, fromSource ? 'unitHost.ts' : 'unitHost.js');

/** A built bundle: its bytes, its source map, and the hash of both (hex). */
export interface Bundle {
  readonly hash: string;
  readonly code: Uint8Array;
  /** Mappings only, sources as file URLs on the coordinator: stacks name the components' files. */
  readonly map: Uint8Array;
}

/** The file name a node gives a bundle (in a directory named by its hash); the map is beside it. */
export const BUNDLE_FILE = 'plexus-unit.mjs';

const bundles = new Map<string, Promise<Bundle>>();
let building = 0;

/** The bundle that runs the NATS unit host with these modules (file paths or URLs). */
export function bundleUnit(
  modules: readonly string[],
  external: readonly string[] = [],
): Promise<Bundle> {
  const unique = [...new Set(modules)].sort();
  const key = JSON.stringify([unique, external]);
  let bundle = bundles.get(key);
  if (bundle === undefined) {
    bundle = make(unique, external);
    bundles.set(key, bundle);
    bundle.catch(() => bundles.delete(key));
  }
  return bundle;
}

async function make(modules: readonly string[], external: readonly string[]): Promise<Bundle> {
  const paths = modules.map((module) =>
    module.startsWith('file:') ? fileURLToPath(module) : module,
  );
  const contents = [
    `import { runNatsHost } from ${JSON.stringify(hostModule)};`,
    ...paths.map((path, i) => `import * as m${i} from ${JSON.stringify(path)};`),
    `runNatsHost({ ${modules.map((module, i) => `${JSON.stringify(module)}: m${i}`).join(', ')} });`,
  ].join('\n');
  building++;
  try {
    const result = await build({
      stdin: { contents, resolveDir: here, sourcefile: 'plexus-nats-unit.ts', loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      outfile: join(here, BUNDLE_FILE),
      sourcemap: 'linked',
      sourcesContent: false,
      external: [...external],
      conditions: fromSource ? ['@plexus/source'] : [],
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __plexusRequire } from 'node:module'; const require = __plexusRequire(import.meta.url);",
      },
      tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
    });
    const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!.contents;
    const raw = result.outputFiles.find((file) => file.path.endsWith('.map'))!;
    const sourceMap = JSON.parse(raw.text) as { sources: string[] };
    sourceMap.sources = sourceMap.sources.map(
      (source) => pathToFileURL(resolve(here, source)).href,
    );
    const map = new TextEncoder().encode(JSON.stringify(sourceMap));
    const hash = createHash('sha256').update(code).update(map).digest('hex');
    return { hash, code, map };
  } finally {
    if (--building === 0) void stop();
  }
}
