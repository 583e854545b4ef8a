/**
 * The links between documentation pages: every relative link of a Markdown page must reach a
 * file or folder of the repository, and a `#anchor` must name a heading (as GitHub makes its
 * anchors) or an explicit `<a id>` of the page it points to.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { root } from './codeBlocks.ts';

/** A link that goes nowhere. */
export interface BrokenLink {
  readonly where: string;
  readonly target: string;
  readonly problem: string;
}

/** The text of a page without its code: fenced blocks and inline code become blank. */
function prose(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').map((line) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (open !== null && line.trim().startsWith(fence)) fence = undefined;
      return '';
    }
    if (open !== null) {
      fence = open[1]!;
      return '';
    }
    return line.replace(/(`+)[^`]*?\1/g, '');
  });
}

/** GitHub's anchor for a heading's text: lower case, punctuation dropped, spaces to dashes. */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*_~]/g, (c) => (c === '_' ? '_' : ''))
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map<string, Set<string>>();

/** The anchors of a Markdown page. */
export function anchors(path: string): Set<string> {
  const cached = anchorCache.get(path);
  if (cached !== undefined) return cached;
  const found = new Set<string>();
  const counts = new Map<string, number>();
  const text = readFileSync(path, 'utf8');
  const lines = prose(text);
  // Headings inside code are blanked by prose(); read them from the raw line where prose kept it.
  const raw = text.split('\n');
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(m[1]!);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line === '' ? '' : raw[i]!);
    if (heading === null) return;
    const base = slug(heading[1]!);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  });
  anchorCache.set(path, found);
  return found;
}

/** The broken links of one page (a path relative to the repository). */
export function brokenLinks(page: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const path = join(root, page);
  prose(readFileSync(path, 'utf8')).forEach((line, i) => {
    const targets = [
      ...[...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
      ...[...line.matchAll(/^\s*\[[^\]]+\]:\s+(\S+)/g)].map((m) => m[1]!),
      ...[...line.matchAll(/<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[1]!),
    ];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const to = file === '' ? path : join(dirname(path), decodeURIComponent(file));
      const where = `${page}:${i + 1}`;
      if (!existsSync(to)) {
        broken.push({ where, target, problem: `${relative(root, to)} does not exist` });
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (statSync(to).isDirectory() || !to.endsWith('.md')) continue;
      if (!anchors(to).has(anchor.toLowerCase())) {
        broken.push({
          where,
          target,
          problem: `${relative(root, to)} has no heading or <a id> that makes #${anchor}`,
        });
      }
    }
  });
  return broken;
}
