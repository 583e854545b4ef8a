/**
 * Trials that run Plexus from its build, as users run it: the trial module and the isolated
 * entry are bundled once (esbuild, no source maps) into plain JavaScript under
 * `packages/bench/.build/`, with Plexus's packages left as imports, which then resolve to their
 * `dist` (so `pnpm build` must have run). The trial process then needs no TypeScript loader:
 * no hooks thread (~15 MB) and no Plexus compiled from source in it. The components a trial
 * places (`components/flow.ts`) are bundled on their own, as a program keeps its components in
 * a module of their own: a worker or child process imports that JavaScript, not the trial with
 * its backends (`@plexus/worker`, `@plexus/process` and what they load, ~1 MB of every unit's
 * thread or process that a program's own component modules would not load).
 */
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const outdir = new URL('../../.build/', import.meta.url);
const entry = new URL('./entry.ts', import.meta.url);
/** The placed components: bundled on their own, and imported by a trial's bundle from there. */
const components = new URL('../components/flow.ts', import.meta.url);
const COMPONENTS_OUT = 'flow.mjs';
/** Plexus itself stays outside the bundles: it is what is measured, from its build. */
const EXTERNAL = [
  '@plexus/core',
  '@plexus/core/*',
  '@plexus/host',
  '@plexus/host/*',
  '@plexus/worker',
  '@plexus/process',
  'zod',
  'eventemitter3',
];
const built = new Map<string, Promise<URL>>();

/** A JavaScript bundle of `module`, built once per run of the suite. */
export function bundled(module: URL): Promise<URL> {
  let url = built.get(module.href);
  if (url === undefined) {
    url = bundle(module);
    built.set(module.href, url);
  }
  return url;
}

async function bundle(module: URL): Promise<URL> {
  mkdirSync(outdir, { recursive: true });
  const placed = module.href === components.href;
  if (!placed) await bundled(components);
  const outfile = fileURLToPath(new URL(`${basename(module.pathname, '.ts')}.mjs`, outdir));
  await build({
    entryPoints: [fileURLToPath(module)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins: placed ? [] : [componentsApart],
    outfile,
    logLevel: 'error',
  });
  return pathToFileURL(outfile);
}

/** A trial's import of the placed components: the bundle of their own, beside the trial's. */
const componentsApart: Plugin = {
  name: 'components-apart',
  setup(esbuild) {
    esbuild.onResolve({ filter: /[\\/]components[\\/]flow\.ts$/ }, () => ({
      path: `./${COMPONENTS_OUT}`,
      external: true,
    }));
  },
};

/** The isolated entry, bundled. */
export function bundledEntry(): Promise<URL> {
  return bundled(entry);
}
