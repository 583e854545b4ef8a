/**
 * The permission sandbox of a child process: the options that start Node's permission model
 * with the placement's allow-lists, and the environment it sees.
 *
 * Node checks the path a component names, lexically; it does not follow symbolic links. So
 * each allowed path is passed as given and as its real path (the folder a link names is the
 * folder it leads to), and every allowed folder is searched, at start, for symbolic links that
 * lead outside what may be read (or written): one found refuses the start, naming it. Links
 * made after the start, by something outside the sandbox, are not seen (a sandboxed component
 * cannot make one: Node refuses it `fs.symlink`).
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { PlannedComponent } from '@plexus/core/backend';
import { ProcessErrors } from './errors.ts';

/** What a placement allows (ProcessOptions.permissions). */
export interface Permissions {
  readonly read?: readonly string[];
  readonly write?: readonly string[];
  readonly childProcess?: boolean;
  readonly worker?: boolean;
  readonly env?: readonly string[];
}

/** Entries searched for links per start, at most; past it, a warning says what went unsearched. */
const MAX_SEARCHED = 100_000;

/** Node's options for a child sandboxed by `permissions`, whose code is `bundle`. */
export function sandboxArgv(
  bundle: string,
  permissions: Permissions,
  components: readonly Pick<PlannedComponent, 'name' | 'type'>[],
): string[] {
  const read = (permissions.read ?? []).map((path) => resolve(path));
  const write = (permissions.write ?? []).map((path) => resolve(path));
  const realRead = read.map(realPath);
  const realWrite = write.map(realPath);
  const budget = { left: MAX_SEARCHED };
  for (const [access, given, real] of [
    ['read', read, realRead],
    ['write', write, realWrite],
  ] as const) {
    for (let i = 0; i < given.length; i++) {
      const leak = findEscape(real[i]!, real, budget);
      if (leak !== undefined)
        throw ProcessErrors.sandboxEscape(components, access, given[i]!, leak.link, leak.target);
    }
  }
  // One flag per path: Node no longer accepts comma-separated lists.
  const flags = ['--experimental-permission'];
  for (const path of unique([bundle, `${bundle}.map`, ...read, ...realRead]))
    flags.push(`--allow-fs-read=${path}`);
  for (const path of unique([...write, ...realWrite])) flags.push(`--allow-fs-write=${path}`);
  if (permissions.childProcess === true) flags.push('--allow-child-process');
  if (permissions.worker === true) flags.push('--allow-worker');
  return flags;
}

/** The child's environment: the parent's, or only the variables `permissions.env` names; then `extra`. */
export function sandboxEnv(
  permissions: Permissions | undefined,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string | undefined> {
  const names = permissions?.env;
  if (names === undefined) return { ...process.env, ...extra };
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** The real path of `path`; for one that does not exist yet, its nearest existing folder's, joined. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/** The first symbolic link under `root` (real) that leads outside every path in `allowed` (real). */
function findEscape(
  root: string,
  allowed: readonly string[],
  budget: { left: number },
): { link: string; target: string } | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      if (!lstatSync(dir).isDirectory()) continue;
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (--budget.left < 0) {
        if (budget.left === -1) {
          process.emitWarning(
            `The permission sandbox searched ${MAX_SEARCHED} entries for symbolic links that lead outside its allow-lists and stopped there, in ${dir}; links further in were not checked. Allow narrower folders.`,
            { code: 'PLEXUS_SANDBOX_UNSEARCHED' },
          );
        }
        return undefined;
      }
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isSymbolicLink()) {
        const target = leadsTo(path);
        if (!allowed.some((folder) => isInside(target, folder))) return { link: path, target };
      }
    }
  }
  return undefined;
}

/** Where a link leads: its real path, or for a dangling link the path it names. */
function leadsTo(link: string): string {
  try {
    return realpathSync(link);
  } catch {
    try {
      return realPath(resolve(dirname(link), readlinkSync(link)));
    } catch {
      return link;
    }
  }
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}
