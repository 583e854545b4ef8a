/**
 * Make a new Plexus project: a package.json depending on the Plexus packages, a component, a
 * graph file that editors check against the shipped schema, a test, a tsconfig and a README.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { packageRoot } from './packageRoot.ts';

/**
 * What to make, and from which Plexus packages.
 *
 * The folder to make the project in (new, or empty), and optionally a folder of packed Plexus
 * packages to depend on instead of the registry, for trying unreleased builds offline.
 *
 * @example
 * ```ts
 * import { type CreateOptions, createProject } from 'create-plexus';
 *
 * const options: CreateOptions = { dir: 'my-flow', packages: '../plexus/packed' };
 * console.log(`made ${createProject(options)}`);
 * ```
 */
export interface CreateOptions {
  /** The folder to create (it may exist if it is empty). */
  readonly dir: string;
  /**
   * A folder of packed Plexus packages (`plexus-core-0.1.0.tgz`, …) to depend on instead of the
   * registry: for trying unreleased builds, and for installing without the network.
   */
  readonly packages?: string;
}

/** The Plexus packages a new project depends on; the runner brings worker and process. */
const DEPENDS_ON = ['@plexus/components', '@plexus/core', '@plexus/host', '@plexus/runner'];

/**
 * Write a new project into `options.dir` and return its package name. Installs nothing.
 *
 * Throws when the folder exists and is not empty, or when `packages` lacks a Plexus package.
 *
 * @example
 * ```ts
 * import { createProject } from 'create-plexus';
 *
 * const name = createProject({ dir: 'my-flow' });
 * console.log(`made ${name}: cd my-flow && npm install && npm start`);
 * ```
 */
export function createProject(options: CreateOptions): string {
  const dir = resolve(options.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(
      `${options.dir} already exists and is not empty; name a new folder, or empty that one first.`,
    );
  }
  const name = packageName(basename(dir));
  const own = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  cpSync(join(packageRoot, 'template'), dir, { recursive: true });
  // npm drops .gitignore files from packages, so the template ships it as _gitignore.
  renameSync(join(dir, '_gitignore'), join(dir, '.gitignore'));
  const readme = join(dir, 'README.md');
  writeFileSync(readme, readFileSync(readme, 'utf8').replaceAll('{{name}}', name));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(manifest(name, own.version, options.packages), null, 2)}\n`,
  );
  return name;
}

function manifest(name: string, version: string, packages: string | undefined) {
  const local = packages === undefined ? undefined : tarballs(resolve(packages));
  const spec = (pkg: string) => local?.get(pkg) ?? `^${version}`;
  const missing = DEPENDS_ON.filter((pkg) => local !== undefined && !local.has(pkg));
  if (missing.length > 0) {
    throw new Error(
      `${packages} has no tarball of ${missing.join(', ')}; pack them there first (pnpm -r pack --pack-destination ${packages}).`,
    );
  }
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      start: 'plexus run flow.graph.yaml',
      test: 'node --import @plexus/host/register --test test/*.test.ts',
      check: 'plexus check flow.graph.yaml',
      typecheck: 'tsc',
    },
    dependencies: {
      ...Object.fromEntries(DEPENDS_ON.map((pkg) => [pkg, spec(pkg)])),
      zod: '^4.0.0',
    },
    devDependencies: { '@types/node': '^20.19.0', typescript: '~5.9.3' },
    engines: { node: '>=20.19' },
    // Every Plexus package, the ones the runner brings included, from the same tarballs.
    ...(local === undefined ? {} : { overrides: Object.fromEntries(local) }),
  };
}

/** `@plexus/core` → `file:/abs/plexus-core-0.1.0.tgz`, for each Plexus tarball in `dir`. */
function tarballs(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    const match = /^plexus-([a-z-]+)-\d+\.\d+\.\d+.*\.tgz$/.exec(file);
    if (match?.[1] !== undefined) found.set(`@plexus/${match[1]}`, `file:${join(dir, file)}`);
  }
  return found;
}

/** A folder name as an npm package name: lower case, URL-safe. */
function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name === '' ? 'my-flow' : name;
}
