/** Every relative link between the docs' pages reaches a file, and every #anchor a heading. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { markdownPages, root } from '../codeBlocks.ts';
import { brokenLinks, slug } from '../links.ts';

describe('the links of the docs', () => {
  test.each(markdownPages())('%s: every link reaches its page and anchor', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });
});

describe('the link checker', () => {
  const dir = join(root, '.docs-check', 'links');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("makes GitHub's anchors", () => {
    expect(slug('The three body styles')).toBe('the-three-body-styles');
    expect(slug('`plexus check`: what is wrong, and the fix')).toBe(
      'plexus-check-what-is-wrong-and-the-fix',
    );
    expect(slug('Errors [and supervision](x.md)')).toBe('errors-and-supervision');
  });

  test('finds a missing page, a missing anchor, and takes headings twice over', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'page.md'),
      [
        '# Page',
        '## Again',
        '## Again',
        '[a](nope.md) [b](#again-1) [c](#again-2) [d](page.md#page) [e](https://x.invalid/)',
        '`[f](nowhere.md)`',
      ].join('\n'),
    );
    expect(brokenLinks('.docs-check/links/page.md')).toEqual([
      {
        where: '.docs-check/links/page.md:4',
        target: 'nope.md',
        problem: '.docs-check/links/nope.md does not exist',
      },
      {
        where: '.docs-check/links/page.md:4',
        target: '#again-2',
        problem: '.docs-check/links/page.md has no heading or <a id> that makes #again-2',
      },
    ]);
  });
});
