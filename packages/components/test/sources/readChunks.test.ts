import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, ReadChunks } from '../../src/index.ts';
import { tempDir, until } from '../helpers.ts';

const dir = tempDir();

describe('ReadChunks', () => {
  test('streams a file as chunks of chunkSize bytes (the last shorter) whose bytes are the file', async () => {
    const data = randomBytes(100_000);
    const path = join(dir, 'data.bin');
    writeFileSync(path, data);
    const { out } = await runComponent(ReadChunks, {}, { params: { path, chunkSize: 30_000 } });
    expect(out.map((c) => c.byteLength)).toEqual([30_000, 30_000, 30_000, 10_000]);
    expect(Buffer.concat(out).equals(data)).toBe(true);
    expect(
      out.every(
        (c) =>
          c instanceof Uint8Array && c.byteOffset === 0 && c.buffer.byteLength === c.byteLength,
      ),
    ).toBe(true);
  });

  test('an empty file sends no chunk and ends', async () => {
    const path = join(dir, 'empty.bin');
    writeFileSync(path, '');
    expect((await runComponent(ReadChunks, {}, { params: { path } })).out).toEqual([]);
  });

  test('a file many times its link capacity streams through in order, reporting progress', async () => {
    const data = randomBytes(1 << 20);
    const path = join(dir, 'big.bin');
    writeFileSync(path, data);
    const chunks: Uint8Array[] = [];
    const progress: number[] = [];
    const g = graph('copy', { capacity: 2 });
    g.pipeline(
      g.add('read', ReadChunks, { params: { path, chunkSize: 4096, transfer: false } }),
      g.add('sink', collectInto(chunks)),
    );
    g.on('component:progress', (_, done, total) => {
      expect(total).toBe(1 << 20);
      progress.push(done);
    });
    await g.run();
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(progress.at(-1)).toBe(1 << 20);
  });

  test('a stop closes the file and ends it as stopped', async () => {
    const path = join(dir, 'stop.bin');
    writeFileSync(path, randomBytes(1 << 20));
    const chunks: Uint8Array[] = [];
    const g = graph('stop', { capacity: 1 });
    g.pipeline(
      g.add('read', ReadChunks, { params: { path, chunkSize: 16 } }),
      g.add('sink', collectInto(chunks)),
    );
    const run = g.run();
    await until(() => chunks.length > 5);
    await g.stop();
    await expect(run).resolves.toEqual({ status: 'stopped' });
  });

  test('a directory fails with ERR_FILE_OPEN, saying to give a file', async () => {
    const failure = (await runComponent(ReadChunks, {}, { params: { path: dir } }).catch(
      (e: unknown) => e,
    )) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_FILE_OPEN');
    expect(failure.message).toContain(dir);
    expect(failure.message).toMatch(/EISDIR.*The path names a directory; give the path of a file/);
  });
});
