/**
 * Every TypeScript block of the docs is code that works: all of them (and the TSDoc examples
 * of the packages) type-check together in one program, and those not marked `no-run` run as
 * a reader would run them, printing what the page shows. CONTRIBUTING.md says how to mark them.
 */
import { describe, expect, test } from '@jest/globals';
import { type CodeBlock, markdownBlocks, pageBlocks, tsdocBlocks } from '../codeBlocks.ts';
import { matchesOutput, runBlocks } from '../runBlocks.ts';
import { typecheckBlocks } from '../typecheckBlocks.ts';

const markdown = markdownBlocks();
const tsdoc = tsdocBlocks();

const page = [
  '# A page',
  '',
  '```ts',
  "const n: number = 'one';",
  '```',
  '',
  '<!-- check: no-run',
  "import { box, defineComponent, z } from '@plexus/core';",
  '',
  "defineComponent({ name: 'X', description: 'x', inboxes: { in: box(z.number(), 'n') },",
  '  async body({ inbox }) {',
  '/* the block */',
  '  },',
  '});',
  '-->',
  '```ts',
  'for await (const n of inbox.in) console.log(n.toFixed(1));',
  '```',
  '',
  '```ts file=lib.ts',
  'export const two = 2;',
  '```',
  '',
  '```ts',
  "import { two } from './lib.ts';",
  'console.log(two);',
  '```',
  '',
  '```output',
  '2',
  '```',
].join('\n');
/** A page of its own, with one type error, checked along with the docs. */
const blocks = pageBlocks('docs/a-page.md', page);

/** One program for all: loading the packages' sources is most of the cost. */
let problems: ReturnType<typeof typecheckBlocks> | undefined;
const typeProblems = () => (problems ??= typecheckBlocks([...markdown, ...tsdoc, ...blocks]));

describe('the blocks of the docs', () => {
  test('are found on every kind of page, and in the TSDoc', () => {
    const pages = new Set(markdown.map((block) => block.page));
    for (const page of ['README.md', 'docs/getting-started.md', 'packages/core/README.md']) {
      expect(pages).toContain(page);
    }
    expect([...pages].some((page) => page.startsWith('tutorials/'))).toBe(true);
    expect(tsdoc.length).toBeGreaterThanOrEqual(100);
  });

  test('all type-check, in one program', () => {
    expect(typeProblems().filter((p) => !p.where.startsWith('docs/a-page.md'))).toEqual([]);
  }, 120_000);

  const runnable = markdown.filter((block) => block.run);
  let results: Map<CodeBlock, { problem: string | undefined }> | undefined;

  test('most are run', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(15);
  });

  test.each(runnable.map((block) => [block.where, block] as const))(
    '%s runs, and prints what the page shows',
    async (_where, block) => {
      results ??= await runBlocks(runnable);
      expect(results.get(block)?.problem).toBeUndefined();
    },
    240_000,
  );
});

describe('the checker', () => {
  test('reads the marks: no-run, hidden code around a block, named files, output', () => {
    expect(blocks.map((b) => [b.where, b.run, b.file, b.output])).toEqual([
      ['docs/a-page.md:3', true, 'main.ts', undefined],
      ['docs/a-page.md:16', false, 'main.ts', undefined],
      ['docs/a-page.md:20', false, 'lib.ts', undefined],
      ['docs/a-page.md:24', true, 'main.ts', '2\n'],
    ]);
    expect(blocks[1]!.postlude).toBe('},\n});\n');
  });

  test('finds a type error, on the line of the page where it is', () => {
    expect(typeProblems().filter((p) => p.where.startsWith('docs/a-page.md'))).toEqual([
      {
        where: 'docs/a-page.md:4',
        message: "TS2322: Type 'string' is not assignable to type 'number'.",
      },
    ]);
  }, 120_000);

  test('rejects an option it does not know', () => {
    expect(() => pageBlocks('docs/b.md', '```ts no-runn\n1;\n```\n')).toThrow(
      "Unknown check option 'no-runn'",
    );
  });

  test('compares output line by line, with … for any lines', () => {
    expect(matchesOutput('a\nb\nc\n', 'a\nb\nc')).toBe(true);
    expect(matchesOutput('a\nb\nc\n', 'a\n…\nc')).toBe(true);
    expect(matchesOutput('a\nc\n', 'a\n…\nc')).toBe(true);
    expect(matchesOutput('a\nb\n', 'a\nc')).toBe(false);
    expect(matchesOutput('a (1)\n', 'a (1)')).toBe(true);
  });
});
