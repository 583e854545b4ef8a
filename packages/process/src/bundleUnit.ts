/**
 * What a child process runs: one JavaScript file, built by esbuild on demand (`writeHostBundle` of
 * @plexus/host) from the process host and the unit's component modules (TypeScript included),
 * with every dependency inside. The child then compiles nothing and spawns nothing — which a
 * permission sandbox requires — and reads one file. Bundles are cached for the life of the
 * parent process, and removed when it exits.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromSource, writeHostBundle } from '@plexus/host';
import { scratchDirectory } from './scratchDirectory.ts';
import { trimSourceMap } from './trimSourceMap.ts';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
const hostModule = join(here, fromSource ? 'host.ts' : 'host.js');
/** Made when the first bundle is built; removed when this process exits. */
let outdir: string | undefined;
const bundles = new Map<string, Promise<string>>();

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
  outdir ??= scratchDirectory('bundles');
  const outfile = join(outdir, name);
  // esbuild writes the bundle and its map: nothing of either is held in this process's heap.
  await writeHostBundle({
    host: hostModule,
    run: 'runHost',
    modules,
    external,
    outfile,
    lazy: true,
  });
  await trimSourceMap(`${outfile}.map`);
  return outfile;
}
