/**
 * The code blocks of the documentation: every fenced block of the Markdown pages, and every
 * `@example` of the TSDoc in `packages/*\/src`, with where it came from and how it is checked.
 *
 * How a block is checked is said next to it (CONTRIBUTING.md, "Checked docs"):
 * - on the fence's info string: ```` ```ts no-run ```` (type-checked, not run),
 *   ```` ```ts no-check ```` (neither: say why in the text), ```` ```ts continues ```` (the
 *   program goes on from the page's previous TypeScript block), ```` ```ts file=src/x.ts ````
 *   (the block is that file of the reader's project; later blocks of the page may import it);
 * - in an HTML comment right before the fence, which readers do not see (a line
 *   `/* the block *\/`
 *   in its code marks where the block goes, for a block that is the inside of something):
 *   `<!-- check: no-run` … options on its first line, and code to put before the block (a
 *   hidden prelude) on the next lines … `-->`;
 * - a ```` ```output ```` block after a run block (before the page's next TypeScript block) is
 *   what the run must print on stdout; a line `…` in it stands for any lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const root = join(import.meta.dirname ?? __dirname, '..', '..');

/** One TypeScript block of the docs, ready to check. */
export interface CodeBlock {
  /** Where it is: `docs/concepts/components.md:57`, relative to the repository. */
  readonly where: string;
  /** The page (or source file) it is in, relative to the repository. */
  readonly page: string;
  /** The line its code starts on. */
  readonly line: number;
  /** The block as shown. */
  readonly code: string;
  /** Code put before it, not shown: the hidden prelude, and earlier blocks it continues. */
  readonly prelude: string;
  /** Code put after it, not shown: what follows `/* the block *\/` in the hidden comment. */
  readonly postlude: string;
  /** Its file name in the reader's project (`main.ts` unless named with `file=`). */
  readonly file: string;
  /** Earlier blocks of the page named with `file=`: the reader's other files. */
  readonly files: ReadonlyMap<string, string>;
  /** Type-checked (false only for `no-check`). */
  readonly check: boolean;
  /** Run (false for `no-run`, `no-check`, a named file, and TSDoc examples). */
  readonly run: boolean;
  /** What the run must print, from the `output` block after it. */
  readonly output: string | undefined;
  /** Checked in this folder (relative to the repository): the page's, or `in=` of its options. */
  readonly dir: string;
}

const FLAGS = new Set(['no-run', 'no-check', 'continues']);

/**
 * Pages whose blocks are run by another test, so only type-checked here: the component
 * reference is generated from the components' TSDoc examples, which
 * packages/components/test/reference/examples.test.ts runs and compares.
 */
const RUN_ELSEWHERE = new Set(['docs/reference/components.md']);

/** The Markdown pages whose blocks are checked. */
export function markdownPages(): string[] {
  const pages = ['README.md', 'CONTRIBUTING.md'];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      if (dir === 'docs' && name === 'api') continue;
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md') && name !== 'CHANGELOG.md') pages.push(path);
    }
  };
  for (const dir of ['docs', 'tutorials']) walk(dir);
  for (const group of ['examples', 'packages']) {
    for (const name of readdirSync(join(root, group))) {
      const readme = `${group}/${name}/README.md`;
      try {
        statSync(join(root, readme));
        pages.push(readme);
      } catch {}
    }
  }
  return pages.sort();
}

/** A fenced block of a page: its info string, body, line and the comment before it. */
export interface Fence {
  readonly info: string;
  readonly body: string;
  readonly line: number;
  readonly comment: string | undefined;
}

/** Every fenced block of a Markdown text, with the `<!-- check… -->` comment just before it. */
export function fences(text: string): Fence[] {
  const lines = text.split('\n');
  const found: Fence[] = [];
  let comment: { text: string; end: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trimStart();
    if (trimmed.startsWith('<!-- check')) {
      const start = i;
      while (i < lines.length && !lines[i]!.includes('-->')) i++;
      comment = { text: lines.slice(start, i + 1).join('\n'), end: i };
      continue;
    }
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (open === null) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    const start = i;
    for (i++; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '') break;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
    }
    const before =
      comment !== undefined && lines.slice(comment.end + 1, start).every((l) => l.trim() === '');
    found.push({
      info: info.trim(),
      body: body.length === 0 ? '' : `${body.join('\n')}\n`,
      line: start + 1,
      comment: before ? comment!.text : undefined,
    });
    comment = undefined;
  }
  return found;
}

interface Options {
  flags: Set<string>;
  file: string | undefined;
  dir: string | undefined;
  prelude: string;
  postlude: string;
}

function options(fence: Fence): Options {
  const words = fence.info.split(/\s+/).slice(1);
  let prelude = '';
  let postlude = '';
  if (fence.comment !== undefined) {
    const inner = fence.comment.replace(/^\s*<!-- check:?/, '').replace(/-->\s*$/, '');
    const [first, ...rest] = inner.split('\n');
    words.push(
      ...first!
        .trim()
        .split(/\s+/)
        .filter((w) => w !== ''),
    );
    const at = rest.findIndex((line) => line.trim() === '/* the block */');
    const before = at === -1 ? rest : rest.slice(0, at);
    prelude = before.join('\n').trim();
    if (prelude !== '') prelude += '\n';
    if (at !== -1)
      postlude = `${rest
        .slice(at + 1)
        .join('\n')
        .trim()}\n`;
  }
  const flags = new Set<string>();
  let file: string | undefined;
  let dir: string | undefined;
  for (const word of words) {
    if (FLAGS.has(word)) flags.add(word);
    else if (word.startsWith('file=')) file = word.slice(5);
    else if (word.startsWith('in=')) dir = word.slice(3);
    else
      throw new Error(
        `Unknown check option '${word}' (at line ${fence.line}). The options are ${[...FLAGS].join(', ')}, file=<name> and in=<folder>; see CONTRIBUTING.md.`,
      );
  }
  return { flags, file, dir, prelude, postlude };
}

const TS = new Set(['ts', 'typescript', 'tsx']);

/** The TypeScript blocks of one Markdown page. */
export function pageBlocks(
  page: string,
  text = readFileSync(join(root, page), 'utf8'),
): CodeBlock[] {
  const all = fences(text);
  const blocks: CodeBlock[] = [];
  const files = new Map<string, string>();
  let previous: CodeBlock | undefined;
  const pageDir = page.includes('/') ? page.slice(0, page.lastIndexOf('/')) : '.';
  all.forEach((fence, index) => {
    const language = fence.info.split(/\s+/)[0]!;
    if (!TS.has(language)) return;
    const opts = options(fence);
    let output: string | undefined;
    for (const next of all.slice(index + 1)) {
      if (TS.has(next.info.split(/\s+/)[0]!)) break;
      if (next.info === 'output') {
        output = next.body;
        break;
      }
    }
    const continues = opts.flags.has('continues');
    if (continues && previous === undefined) {
      throw new Error(
        `${page}:${fence.line}: 'continues', but no TypeScript block comes before it.`,
      );
    }
    const prelude =
      (continues ? previous!.prelude + previous!.code + previous!.postlude : '') + opts.prelude;
    const block: CodeBlock = {
      where: `${page}:${fence.line}`,
      page,
      line: fence.line + 1,
      code: fence.body,
      prelude,
      postlude: opts.postlude,
      file: opts.file ?? 'main.ts',
      files: new Map(files),
      check: !opts.flags.has('no-check'),
      run:
        !opts.flags.has('no-check') &&
        !opts.flags.has('no-run') &&
        opts.file === undefined &&
        !RUN_ELSEWHERE.has(page),
      output,
      dir: opts.dir === undefined ? pageDir : relative(root, join(root, pageDir, opts.dir)),
    };
    if (opts.file !== undefined) files.set(opts.file, prelude + fence.body + opts.postlude);
    blocks.push(block);
    previous = block;
  });
  return blocks;
}

/** Every TypeScript block of the Markdown pages. */
export function markdownBlocks(): CodeBlock[] {
  return markdownPages().flatMap((page) => pageBlocks(page));
}

/** The TypeScript source files of the published packages' `src`. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) {
    try {
      if (statSync(join(root, 'packages', pkg, 'src')).isDirectory()) walk(`packages/${pkg}/src`);
    } catch {}
  }
  return files.sort();
}

/** The ```ts blocks of a TSDoc comment text, each with the line it starts on. */
export function tsdocExamples(path: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example/.test(lines[i]!)) continue;
    let j = i + 1;
    while (j < lines.length && /^\s*\*\s*$/.test(lines[j]!)) j++;
    const open = /^\s*\*\s?```(\w*)/.exec(lines[j] ?? '');
    if (open === null || !TS.has(open[1] || 'ts')) continue;
    const body: string[] = [];
    for (j++; j < lines.length && !/^\s*\*\s?```/.test(lines[j]!); j++) {
      body.push(lines[j]!.replace(/^\s*\*( |$)/, ''));
    }
    blocks.push({
      where: `${path}:${i + 1}`,
      page: path,
      line: i + 1 + (j - i) - body.length,
      code: `${body.join('\n')}\n`,
      prelude: '',
      postlude: '',
      file: 'main.ts',
      files: new Map(),
      check: true,
      run: false,
      output: undefined,
      dir: '.',
    });
  }
  return blocks;
}

/** Every TSDoc `@example` of the packages' sources. */
export function tsdocBlocks(): CodeBlock[] {
  return sourceFiles().flatMap((path) =>
    tsdocExamples(path, readFileSync(join(root, path), 'utf8')),
  );
}
