import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { FromItems, ReadLines, WriteLines } from '../../src/index.ts';
import { tempDir } from '../helpers.ts';

const dir = tempDir();

describe('WriteLines', () => {
  test('writes every line followed by a newline, and has closed the file when the run ends', async () => {
    const path = join(dir, 'out.txt');
    await runComponent(WriteLines, { in: ['one', '', 'three'] }, { params: { path } });
    expect(readFileSync(path, 'utf8')).toBe('one\n\nthree\n');
  });

  test('replaces an existing file, or appends with append', async () => {
    const path = join(dir, 'append.txt');
    writeFileSync(path, 'old\n');
    await runComponent(WriteLines, { in: ['a'] }, { params: { path } });
    expect(readFileSync(path, 'utf8')).toBe('a\n');
    await runComponent(WriteLines, { in: ['b'] }, { params: { path, append: true } });
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
  });

  test('writes \\r\\n and other encodings when told', async () => {
    const path = join(dir, 'crlf.txt');
    await runComponent(
      WriteLines,
      { in: ['café'] },
      { params: { path, newline: '\r\n', encoding: 'latin1' } },
    );
    expect(readFileSync(path)).toEqual(Buffer.from('café\r\n', 'latin1'));
  });

  test('copies a large file line for line through ReadLines with small links', async () => {
    const source = join(dir, 'source.txt');
    const lines = Array.from({ length: 50_000 }, (_, i) => `${i} ${'z'.repeat(i % 50)}`);
    writeFileSync(source, `${lines.join('\n')}\n`);
    const target = join(dir, 'target.txt');
    const g = graph('copy', { capacity: 4 });
    g.pipeline(
      g.add('read', ReadLines, { params: { path: source } }),
      g.add('write', WriteLines, { params: { path: target } }),
    );
    await g.run();
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(source, 'utf8'));
  });

  test('a file in a missing directory fails with ERR_FILE_OPEN naming the path', async () => {
    const path = join(dir, 'missing', 'out.txt');
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: ['x'] } }),
      g.add('write', WriteLines, { params: { path } }),
    );
    const failure = (await g.run().catch((e: unknown) => e)) as Error & {
      cause?: { code?: string };
    };
    expect(failure.cause?.code).toBe('ERR_FILE_OPEN');
    expect(failure.message).toContain(
      `Component 'write' (WriteLines, inline) could not open '${path}' for writing`,
    );
  });
});
