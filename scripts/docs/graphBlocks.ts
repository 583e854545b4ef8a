/**
 * The graph files the docs show: every `yaml` block with `components:`. Each is checked with
 * `plexus check` as a file of its page's folder (or of `in=<folder>` in a `<!-- check: -->`
 * comment before it), so its relative `use:` paths resolve as the page says; a module it names
 * that does not exist there stands for the reader's own, as for TypeScript blocks
 * (scripts/docs/components.ts). ```` ```yaml no-check ```` skips one (say why in the text).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fences, markdownPages, root } from './codeBlocks.ts';
import { componentsFixture } from './typecheckBlocks.ts';

/** One graph file of a page. */
export interface GraphBlock {
  readonly where: string;
  /** The folder it is checked in, relative to the repository. */
  readonly dir: string;
  /** The file, its missing modules pointed at the fixture. */
  readonly text: string;
}

/** The graph-file blocks of the docs. */
export function graphBlocks(): GraphBlock[] {
  const blocks: GraphBlock[] = [];
  for (const page of markdownPages()) {
    const pageDir = page.includes('/') ? page.slice(0, page.lastIndexOf('/')) : '.';
    for (const fence of fences(readFileSync(join(root, page), 'utf8'))) {
      const [language, ...flags] = fence.info.split(/\s+/);
      if (language !== 'yaml' || !/^components:/m.test(fence.body)) continue;
      const options = (fence.comment ?? '').replace(/^\s*<!-- check:?/, '').split('\n')[0]!;
      if (flags.includes('no-check') || /\bno-check\b/.test(options)) continue;
      const inDir = /\bin=(\S+)/.exec(options)?.[1];
      const dir = relative(root, join(root, pageDir, inDir ?? '.')) || '.';
      const text = fence.body.replace(
        /(use:\s*["']?)(\.{1,2}\/[^#"'\s]+)#/g,
        (whole, before: string, module: string) => {
          if (existsSync(join(root, dir, module))) return whole;
          const fixture = relative(join(root, dir), componentsFixture).split('\\').join('/');
          return `${before}${fixture.startsWith('.') ? fixture : `./${fixture}`}#`;
        },
      );
      blocks.push({ where: `${page}:${fence.line}`, dir, text });
    }
  }
  return blocks;
}
