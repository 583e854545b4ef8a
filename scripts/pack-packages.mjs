// `node scripts/pack-packages.mjs <dir>`: pack every published package of the workspace (each
// packages/* that is not private) into <dir> with pnpm, as `pnpm publish` would pack it
// (workspace: ranges become versions). Prints the tarballs' paths. Builds the packages first when
// one has no build yet (a fresh clone running its tests without `pnpm build`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** The folders of the published packages. */
export function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => {
      const file = join(dir, 'package.json');
      return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).private !== true;
    });
}

export function packPackages(dir) {
  mkdirSync(dir, { recursive: true });
  const packages = publishedPackages();
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
  if (packages.some((pkg) => !existsSync(join(pkg, 'dist')))) {
    execFileSync('npx', ['--yes', version, 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const filters = packages.flatMap((pkg) => ['--filter', `./${relative(root, pkg)}`]);
  execFileSync('npx', ['--yes', version, '-r', ...filters, 'pack', '--pack-destination', dir], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return readdirSync(dir)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(dir, file));
}

if (process.argv[1] === import.meta.filename) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: node scripts/pack-packages.mjs <dir>');
    process.exit(2);
  }
  for (const tarball of packPackages(resolve(dir))) console.log(tarball);
}
