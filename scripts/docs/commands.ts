/**
 * The shell commands the docs show: every line of a `sh`/`bash`/`shell` block, every `$ `
 * line of a `console` block, and every inline code span of prose that starts with `npx`,
 * `npm`, `pnpm` or `node`. Each is split into simple commands (`a && b`, `a; b`, `a | b`)
 * with its comments, environment assignments and redirections taken apart.
 *
 * A command may name only real things: npm scripts of the repository or of the project
 * `npm create plexus` makes, `plexus` commands and options, files (of the repository, the
 * new project, the page's folder or the runner's test fixtures), published packages, and
 * programs a reader with Node and npm has (so `npx --yes pnpm@<pin> …`, never `pnpm …`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fences, root } from './codeBlocks.ts';

/** One simple command of a page. */
export interface ShellCommand {
  readonly where: string;
  readonly page: string;
  /** The words, after `VAR=value` assignments. */
  readonly words: readonly string[];
  /** Files it reads with `< file`. */
  readonly reads: readonly string[];
  /** The line as written. */
  readonly text: string;
  /**
   * Files it names may be the reader's own, not the repository's: a block marked
   * ```` ```sh own-files ````, or a bare file name in a code span of prose.
   */
  readonly ownFiles: boolean;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

/** Splits one command line into words (quotes kept together, removed). */
export function words(line: string): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    found.push(m[1] ?? m[2] ?? m[3]!);
  }
  return found;
}

function simple(page: string, line: number, text: string, ownFiles: boolean): ShellCommand[] {
  const code = text.replace(/(^|\s)#.*$/, '').trim();
  if (code === '' || code === '…') return [];
  return code
    .split(/\s*(?:&&|\|\||;|\|)\s*/)
    .filter((part) => part !== '')
    .map((part) => {
      const all = words(part);
      const reads: string[] = [];
      const kept: string[] = [];
      for (let i = 0; i < all.length; i++) {
        const word = all[i]!;
        if (word === '<') reads.push(all[++i] ?? '');
        else if (word === '>' || word === '2>' || word === '>>') i++;
        else if (kept.length === 0 && /^[A-Z_][A-Z0-9_]*=/.test(word)) continue;
        else kept.push(word);
      }
      return { where: `${page}:${line}`, page, words: kept, reads, text: part, ownFiles };
    });
}

/** The commands of one page. */
export function pageCommands(
  page: string,
  text = readFileSync(join(root, page), 'utf8'),
): ShellCommand[] {
  const commands: ShellCommand[] = [];
  for (const fence of fences(text)) {
    const language = fence.info.split(/\s+/)[0]!;
    if (!SHELL.has(language)) continue;
    const lines = fence.body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      const at = fence.line + 1 + i;
      if (language === 'console') {
        if (!line.startsWith('$ ')) continue;
        line = line.slice(2);
      }
      while (line.endsWith('\\') && i + 1 < lines.length)
        line = `${line.slice(0, -1)} ${lines[++i]!.trim()}`;
      commands.push(...simple(page, at, line, fence.info.split(/\s+/).includes('own-files')));
    }
  }
  let fence: string | undefined;
  text.split('\n').forEach((line, i) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (open !== null && line.trim().startsWith(fence)) fence = undefined;
      return;
    }
    if (open !== null) {
      fence = open[1]!;
      return;
    }
    for (const m of line.matchAll(/(?<!`)`((?:npx|npm|pnpm|node) [^`]+)`(?!`)/g)) {
      if (m[1]!.includes('…')) continue; // "`… lint`": a shorthand, not a command
      commands.push(...simple(page, i + 1, m[1]!, true));
    }
  });
  return commands;
}

/** What a command of the docs may name: scripts, files, `plexus` commands and their options. */
export interface Known {
  /** The pnpm version of `packageManager`. */
  readonly pnpm: string;
  /** npm/pnpm scripts, by folder (relative to the repository; '' is the root). */
  readonly scripts: ReadonlyMap<string, ReadonlySet<string>>;
  /** Folders a file named in a command may be relative to (absolute). */
  readonly fileRoots: readonly string[];
  /** `plexus` commands and the options of each. */
  readonly plexus: ReadonlyMap<string, ReadonlySet<string>>;
  /** Workspace packages that are published (may be installed from npm). */
  readonly published: ReadonlySet<string>;
  /** Programs in node_modules/.bin of the repository. */
  readonly bins: ReadonlySet<string>;
}

/** Programs a reader with Node and npm may not have. */
const NOT_INSTALLED: Record<string, string> = {
  pnpm: 'npx --yes pnpm@<version> …',
  plexus: 'npx plexus …',
  yarn: 'npm …',
  tsx: 'node --import @plexus/host/register …',
  'ts-node': 'node --import @plexus/host/register …',
};

const placeholder = (word: string) => /[<…*]/.test(word);

/** Why a command would not run as written, or undefined when it names only real things. */
export function commandProblem(
  command: ShellCommand,
  known: Known,
  exists: (path: string) => boolean,
): string | undefined {
  const [program, ...args] = command.words;
  if (program === undefined) return undefined;
  if (program in NOT_INSTALLED) {
    return `'${program}' is not there for a reader with only Node and npm; write ${NOT_INSTALLED[program]}`;
  }
  const file = (path: string): string | undefined =>
    placeholder(path) ||
    (command.ownFiles && !path.includes('/')) ||
    known.fileRoots.some((dir) => exists(join(dir, path)))
      ? undefined
      : `there is no file ${path}`;
  const script = (name: string, where = ''): string | undefined => {
    if (placeholder(name)) return undefined;
    const sets = where === '' ? [...known.scripts.values()] : [known.scripts.get(where)];
    return sets.some((set) => set?.has(name)) ? undefined : `there is no npm script '${name}'`;
  };
  for (const path of command.reads) {
    const problem = file(path);
    if (problem !== undefined) return problem;
  }
  if (program === 'npm') {
    const [verb, name, ...rest] = args;
    if (verb === 'start' || verb === 'test') return script(verb);
    if (verb === 'run') return name === undefined ? undefined : script(name);
    if (verb === 'install' || verb === 'i') {
      const missing = [name, ...rest].filter(
        (pkg) => pkg?.startsWith('@plexus/') && !known.published.has(pkg),
      );
      return missing.length > 0 ? `${missing.join(', ')} is not a published package` : undefined;
    }
    if (verb === 'create') {
      const pkg = `create-${(name ?? 'plexus').split('@')[0]}`;
      return name === undefined || known.published.has(pkg) ? undefined : `there is no ${pkg}`;
    }
    return `'npm ${verb}' is not a command the docs checker knows; teach scripts/docs/commands.ts`;
  }
  if (program === 'npx') {
    const rest = args.filter((a) => a !== '--yes' && a !== '-y');
    const [tool, ...more] = rest;
    if (tool === undefined) return 'npx needs a program';
    if (tool.startsWith('pnpm@')) {
      if (tool !== `pnpm@${known.pnpm}`) {
        return `pnpm must be the version of packageManager, pnpm@${known.pnpm}: another one refuses to run`;
      }
      let where = '';
      const words = [...more];
      if (words[0] === '--filter') {
        const pkg = words[1]!;
        where =
          [...known.scripts.keys()].find((dir) => dir.endsWith(`/${pkg.split('/').pop()}`)) ?? '?';
        words.splice(0, 2);
      }
      const [verb] = words;
      if (verb === undefined || verb === 'install' || verb === 'exec' || verb === '-r')
        return undefined;
      if (known.bins.has(verb)) return undefined;
      return script(verb, where);
    }
    if (tool === 'plexus') return plexusProblem(more, known, file);
    if (known.bins.has(tool)) return undefined;
    return `npx ${tool}: no such program in node_modules/.bin (npx would download something else)`;
  }
  if (program === 'node') {
    let i = 0;
    while (i < args.length && args[i]!.startsWith('-')) {
      if (args[i] === '--import' || args[i] === '-r' || args[i] === '--require') {
        const hook = args[i + 1]!;
        if (hook.startsWith('.')) {
          const problem = file(hook);
          if (problem !== undefined) return problem;
        }
        i++;
      }
      i++;
    }
    const script = args[i];
    if (script === undefined) return undefined; // `node --cpu-prof`: an option, in prose
    if (script.endsWith('plexus.mjs')) {
      const problem = file(script);
      return problem ?? plexusProblem(args.slice(i + 1), known, file);
    }
    return file(script);
  }
  return undefined; // cd, cat, curl…: not checked
}

function plexusProblem(
  args: readonly string[],
  known: Known,
  file: (path: string) => string | undefined,
): string | undefined {
  const [sub, ...rest] = args;
  if (sub === undefined || placeholder(sub) || sub === '--help' || sub === '-h') return undefined;
  const options = known.plexus.get(sub);
  if (options === undefined) {
    return `plexus has no command '${sub}'; its commands are ${[...known.plexus.keys()].join(', ')}`;
  }
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === '&') continue;
    if (word.startsWith('-')) {
      const name = word.split('=')[0]!;
      if (!options.has(name)) return `plexus ${sub} has no option ${name}`;
      if (name === '-o' || name === '--output' || name === '--set' || name === '--backend') i++;
      continue;
    }
    if (/\.(ya?ml|json|fbp)$/.test(word) && !word.includes('=')) {
      const problem = file(word);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** The graph files of the repository that `plexus` commands of the docs name. */
export function graphFilesNamed(
  commands: readonly ShellCommand[],
  exists: (path: string) => boolean,
): string[] {
  const files = new Set<string>();
  for (const { words } of commands) {
    const at = words.findIndex((w) => w === 'plexus' || w.endsWith('plexus.mjs'));
    if (at === -1 || !['run', 'check', 'draw'].includes(words[at + 1] ?? '')) continue;
    for (const word of words.slice(at + 2)) {
      if (/\.ya?ml$/.test(word) && exists(join(root, word))) files.add(word);
    }
  }
  return [...files].sort();
}
