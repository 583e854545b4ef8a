/**
 * The child's source map lookup gives what Node's own SourceMap gives, for every position of a
 * real bundle: same source, line and column, and nothing where Node finds nothing.
 */
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { buildSync } from 'esbuild';
import { LazySourceMap } from '../src/lazySourceMap.ts';

describe('LazySourceMap', () => {
  test('finds what Node’s SourceMap finds, at every column of every line of a bundle', () => {
    const built = buildSync({
      entryPoints: [join(__dirname, 'fixtures', 'modules.ts')],
      bundle: true,
      platform: 'node',
      conditions: ['@plexus/source'],
      format: 'esm',
      sourcemap: 'external',
      minifyWhitespace: true,
      minifySyntax: true,
      outfile: 'out.mjs',
      write: false,
      logLevel: 'silent',
    });
    const code = built.outputFiles.find((file) => file.path.endsWith('.mjs'))!.text;
    const map = JSON.parse(built.outputFiles.find((file) => file.path.endsWith('.map'))!.text);
    const node = new SourceMap(map);
    const lazy = new LazySourceMap(map.mappings, map.sources);
    const lines = code.split('\n');
    let compared = 0;
    for (let line = 1; line <= lines.length; line++) {
      const length = lines[line - 1]!.length;
      for (let column = 1; column <= length + 1; column += Math.max(1, Math.floor(length / 300))) {
        const expected = node.findEntry(line - 1, column - 1) as {
          originalSource?: string;
          originalLine?: number;
          originalColumn?: number;
        };
        const found = lazy.find(line, column);
        if (expected.originalSource === undefined) expect(found).toBeUndefined();
        else {
          expect(found).toEqual({
            source: expected.originalSource,
            line: expected.originalLine! + 1,
            column: expected.originalColumn! + 1,
          });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  test('finds the last segment before a position, as Node does, and nothing before the first', () => {
    const lazy = new LazySourceMap('AAAA;AACA', ['a.ts']);
    expect(lazy.find(1, 1)).toEqual({ source: 'a.ts', line: 1, column: 1 });
    expect(lazy.find(2, 5)).toEqual({ source: 'a.ts', line: 2, column: 1 });
    // Past the last line, and before the first segment of a line: the last segment before it.
    expect(lazy.find(3, 1)).toEqual({ source: 'a.ts', line: 2, column: 1 });
    expect(new LazySourceMap(';;EAAE', ['a.ts']).find(2, 1)).toBeUndefined();
    expect(new LazySourceMap('AAAA;;EAAE', ['a.ts']).find(2, 1)).toEqual({
      source: 'a.ts',
      line: 1,
      column: 1,
    });
    expect(lazy.find(0, 1)).toBeUndefined();
  });
});
