import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { ReadChunks, WriteBytes } from '../../src/index.ts';
import { tempDir } from '../helpers.ts';

const dir = tempDir();

describe('WriteBytes', () => {
  test('writes bytes and text chunks as they are, nothing between them', async () => {
    const path = join(dir, 'mixed.bin');
    await runComponent(
      WriteBytes,
      { in: [new Uint8Array([1, 2]), 'é\n', new Uint8Array([255])] },
      { params: { path } },
    );
    expect([...readFileSync(path)]).toEqual([1, 2, 0xc3, 0xa9, 10, 255]);
  });

  test('appends with append', async () => {
    const path = join(dir, 'append.bin');
    writeFileSync(path, 'ab');
    await runComponent(WriteBytes, { in: ['cd'] }, { params: { path, append: true } });
    expect(readFileSync(path, 'utf8')).toBe('abcd');
  });

  test('copies a binary file exactly through ReadChunks with transfer', async () => {
    const data = randomBytes(300_001);
    const source = join(dir, 'source.bin');
    const target = join(dir, 'target.bin');
    writeFileSync(source, data);
    const g = graph('copy', { capacity: 2 });
    g.pipeline(
      g.add('read', ReadChunks, { params: { path: source, chunkSize: 7000 } }),
      g.add('write', WriteBytes, { params: { path: target } }),
    );
    await g.run();
    expect(readFileSync(target).equals(data)).toBe(true);
  });

  test('a path that is a directory fails with ERR_FILE_OPEN', async () => {
    const failure = (await runComponent(WriteBytes, { in: ['x'] }, { params: { path: dir } }).catch(
      (e: unknown) => e,
    )) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_FILE_OPEN');
    expect(failure.message).toContain('The path names a directory');
  });
});
