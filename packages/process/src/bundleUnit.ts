/**
 * What a child process runs: one JavaScript file, built by esbuild on demand from the process
 * host and the unit's component modules (TypeScript included), with every dependency inside.
 * The child then compiles nothing and spawns nothing — which a permission sandbox requires —
 * and reads one file. Bundles are cached for the life of the parent process, and removed when
 * it exits.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromSource } from '@plexus/host';
import { build, stop } from 'esbuild';
import { scratchDirectory } from './scratchDirectory.ts';
import { trimSourceMap } from './trimSourceMap.ts';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
const hostModule = join(here, fromSource ? 'host.ts' : 'host.js');
/** Made when the first bundle is built; removed when this process exits. */
let outdir: string | undefined;
const bundles = new Map<string, Promise<string>>();
/** Bundles being built now: esbuild's service process is stopped when the last one is done. */
let building = 0;

/** The path of a bundle that runs the host with these modules (file paths or URLs). */
export function bundleUnit(
  modules: readonly string[],
  external: readonly string[] = [],
): Promise<string> {
  const unique = [...new Set(modules)].sort();
  const key = createHash('sha256')
    .update(JSON.stringify([unique, external, hostModule]))
    .digest('hex')
    .slice(0, 16);
  let bundle = bundles.get(key);
  if (bundle === undefined) {
    bundle = make(unique, external, `unit-${key}.mjs`);
    bundles.set(key, bundle);
    bundle.catch(() => bundles.delete(key));
  }
  return bundle;
}

async function make(
  modules: readonly string[],
  external: readonly string[],
  name: string,
): Promise<string> {
  const paths = modules.map((module) =>
    module.startsWith('file:') ? fileURLToPath(module) : module,
  );
  const contents = [
    `import { runHost } from ${JSON.stringify(hostModule)};`,
    ...paths.map((path, i) => `import * as m${i} from ${JSON.stringify(path)};`),
    `runHost({ ${modules.map((module, i) => `${JSON.stringify(module)}: m${i}`).join(', ')} });`,
  ].join('\n');
  outdir ??= scratchDirectory('bundles');
  const outfile = join(outdir, name);
  building++;
  try {
    await buildBundle(contents, external, outfile);
    await trimSourceMap(`${outfile}.map`);
  } finally {
    // The service is ~50 MB and idle once the units have started; a later bundle starts it
    // again. (It is esbuild's own service in this thread, shared with anything else here that
    // uses the same esbuild package.)
    if (--building === 0) void stop();
  }
  return outfile;
}

function buildBundle(contents: string, external: readonly string[], outfile: string) {
  return build({
    stdin: { contents, resolveDir: here, sourcefile: 'plexus-unit.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: [...external],
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
}
