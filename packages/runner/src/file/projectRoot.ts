/**
 * The project a graph file belongs to: the folder of the nearest package.json above it, or —
 * when that package is part of a workspace — the workspace's root (the nearest folder above
 * with a pnpm-workspace.yaml, or a package.json that lists workspaces). A graph file names
 * modules by path only inside its project; anything else it uses by package name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';

const roots = new Map<string, string>();

export function projectRoot(file: string): string {
  const start = dirname(resolve(file));
  const known = roots.get(start);
  if (known !== undefined) return known;
  let root: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || hasWorkspaces(join(dir, 'package.json'))) {
      root = dir;
      break;
    }
    if (root === undefined && existsSync(join(dir, 'package.json'))) root = dir;
    if (dir === parse(dir).root) break;
  }
  const found = root ?? start;
  roots.set(start, found);
  return found;
}

/** True when `path` is `root` or inside it. */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, resolve(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function hasWorkspaces(packageJson: string): boolean {
  if (!existsSync(packageJson)) return false;
  try {
    return (
      (JSON.parse(readFileSync(packageJson, 'utf8')) as { workspaces?: unknown }).workspaces !==
      undefined
    );
  } catch {
    return false;
  }
}
