import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { decode, encode, type SourceMapMappings } from '@jridgewell/sourcemap-codec';
import { bundleUnit } from '../src/bundleUnit.ts';
import { trimMappings, trimSourceMap } from '../src/trimSourceMap.ts';

const dir = mkdtempSync(join(tmpdir(), 'plexus-trim-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mappingsOf = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; mappings: string };

describe('a bundle’s source map', () => {
  test('keeps what maps to your code and drops what maps into node_modules', async () => {
    const sources = ['/app/src/split.ts', '/app/node_modules/zod/index.js'];
    const lines: SourceMapMappings = [
      [
        [0, 0, 1, 0],
        [10, 1, 5, 2],
        [20, 1, 6, 0],
        [30, 1, 7, 0],
        [40, 0, 2, 4],
      ],
      [[0, 1, 9, 0]],
      [[3], [8, 0, 3, 0, 0]],
    ];
    const path = join(dir, 'unit.mjs.map');
    writeFileSync(
      path,
      JSON.stringify({ version: 3, sources, names: ['n'], mappings: encode(lines) }),
    );
    await trimSourceMap(path);
    const trimmed = mappingsOf(path);
    expect(trimmed.sources).toEqual(sources);
    expect(decode(trimmed.mappings)).toEqual([
      // zod's three segments become one unmapped segment where they began.
      [[0, 0, 1, 0], [10], [40, 0, 2, 4]],
      [[0]],
      [[3], [8, 0, 3, 0, 0]],
    ]);
  });

  test('agrees, on a large generated map, with filtering it decoded all at once', async () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const sources = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? `/app/node_modules/dep${i}/index.js` : `/app/src/file${i}.ts`,
    );
    const lines: SourceMapMappings = Array.from({ length: 400 }, () => {
      let column = 0;
      return Array.from({ length: random(12) }, () => {
        column += 1 + random(40);
        const kind = random(10);
        if (kind === 0) return [column];
        const segment = [column, random(12), random(3000), random(120)];
        if (kind < 4) segment.push(random(50));
        return segment as [number, number, number, number];
      });
    });
    const expected = lines.map((line) => {
      const out: number[][] = [];
      let unmapped = false;
      for (const segment of line) {
        if (segment.length === 1 || sources[segment[1]!]!.includes('node_modules')) {
          if (!unmapped) out.push([segment[0]]);
          unmapped = true;
        } else {
          out.push([...segment]);
          unmapped = false;
        }
      }
      return out;
    });
    const path = join(dir, 'large.mjs.map');
    writeFileSync(
      path,
      JSON.stringify({ version: 3, sources, names: [], mappings: encode(lines) }),
    );
    await trimSourceMap(path);
    expect(decode(mappingsOf(path).mappings)).toEqual(expected);
  });

  test('that cannot be read says where, and whose it is', () => {
    expect(() => trimMappings('AAAA,A!AA', [false])).toThrow(
      /not valid base64 VLQ at character 6 .*esbuild wrote it/,
    );
  });

  test('of a real unit maps the component’s module and nothing in a dependency', async () => {
    const components = join(__dirname, 'fixtures', 'components.ts');
    const bundle = await bundleUnit([components]);
    const map = mappingsOf(`${bundle}.map`);
    const used = new Set(
      decode(map.mappings).flatMap((line) => line.filter((s) => s.length > 1).map((s) => s[1]!)),
    );
    const mapped = [...used].map((i) => map.sources[i]!);
    expect(mapped.some((source) => source.endsWith('test/fixtures/components.ts'))).toBe(true);
    expect(mapped.filter((source) => source.includes('node_modules'))).toEqual([]);
    expect(map.sources.some((source) => source.includes('node_modules/zod'))).toBe(true);
  }, 30_000);
});
