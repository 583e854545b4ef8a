/**
 * What a node runs for a unit: one JavaScript file, built by esbuild on the coordinator
 * (`bundleHost` of @plexus/host) from the NATS unit host and the unit's component modules
 * (TypeScript included) with every dependency inside, so the node needs no checkout of the
 * project — only Node and this file. A bundle is named by the SHA-256 of its bytes: the same
 * code is shipped once and cached.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHost, fromSource } from '@plexus/host';

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
  const built = await bundleHost({
    host: hostModule,
    run: 'runNatsHost',
    modules,
    external,
    outfile: join(here, BUNDLE_FILE),
  });
  const map = new TextEncoder().encode(built.map);
  const hash = createHash('sha256').update(built.code).update(map).digest('hex');
  return { hash, code: built.code, map };
}
