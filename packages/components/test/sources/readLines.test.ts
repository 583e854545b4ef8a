import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, isPlexusError, runComponent, z } from '@plexus/core';
import { collectInto, ReadLines } from '../../src/index.ts';
import { tempDir, until } from '../helpers.ts';

const dir = tempDir();
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('ReadLines', () => {
  test('streams a file larger than its link capacity and ends after the last line', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const path = file('many.txt', `${lines.join('\n')}\n`);
    const seen: string[] = [];
    const g = graph('read', { capacity: 16 });
    g.pipeline(
      g.add('read', ReadLines, { params: { path, chunkSize: 4096 } }),
      g.add('sink', collectInto(seen)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual(lines);
  });

  test('handles \\r\\n, a last line without a newline, and empty lines', async () => {
    const path = file('mixed.txt', 'one\r\n\r\ntwo\nthree');
    const { out } = await runComponent(ReadLines, {}, { params: { path } });
    expect(out).toEqual(['one', '', 'two', 'three']);
  });

  test('decodes characters split across chunk boundaries', async () => {
    const text = 'größe ✓ 日本語 🎉\nnext';
    const path = file('utf8.txt', text);
    const { out } = await runComponent(ReadLines, {}, { params: { path, chunkSize: 1 } });
    expect(out).toEqual(['größe ✓ 日本語 🎉', 'next']);
  });

  test('reads latin1 and utf-16le when told', async () => {
    const latin = file('latin1.txt', Buffer.from('café\n', 'latin1'));
    expect(
      (await runComponent(ReadLines, {}, { params: { path: latin, encoding: 'latin1' } })).out,
    ).toEqual(['café']);
    const utf16 = file('utf16.txt', Buffer.from('ab\ncd', 'utf16le'));
    expect(
      (
        await runComponent(
          ReadLines,
          {},
          { params: { path: utf16, encoding: 'utf-16le', chunkSize: 3 } },
        )
      ).out,
    ).toEqual(['ab', 'cd']);
  });

  test('an empty file sends nothing and ends', async () => {
    const path = file('empty.txt', '');
    expect((await runComponent(ReadLines, {}, { params: { path } })).out).toEqual([]);
  });

  test('reports progress in bytes of the file size, ending at the size', async () => {
    const path = file('progress.txt', 'x'.repeat(100_000));
    const reports: [number, number | undefined][] = [];
    const g = graph();
    g.pipeline(
      g.add('read', ReadLines, { params: { path, chunkSize: 10_000, maxLineLength: 200_000 } }),
      g.add('sink', collectInto([])),
    );
    g.on('component:progress', (info, done, total) => {
      if (info.name === 'read') reports.push([done, total]);
    });
    await g.run();
    expect(reports.length).toBeGreaterThanOrEqual(10);
    expect(reports.every(([, total]) => total === 100_000)).toBe(true);
    expect(reports.at(-1)).toEqual([100_000, 100_000]);
    const done = reports.map(([d]) => d);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  test('does not read ahead of a stalled consumer (backpressure, not the whole file)', async () => {
    const path = file('big.txt', `${'some words on a line\n'.repeat(200_000)}`); // ~4 MB
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const Stalled = defineComponent({
      name: 'Stalled',
      description: 'Takes one line, then waits for the test.',
      inboxes: { in: box(z.string(), 'Lines.') },
      async body({ inbox }) {
        for await (const _ of inbox.in) await gate;
      },
    });
    let read = 0;
    const g = graph('stall', { capacity: 8 });
    g.pipeline(
      g.add('read', ReadLines, { params: { path, chunkSize: 4096 } }),
      g.add('stalled', Stalled),
    );
    g.on('component:progress', (_, done) => {
      read = done;
    });
    const run = g.run();
    await until(() => read > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toBeLessThanOrEqual(2 * 4096);
    release();
    await g.stop();
    await run;
  });

  test('a missing file fails with ERR_FILE_OPEN naming the path and the fix', async () => {
    const path = join(dir, 'no-such-file.txt');
    const failure = (await runComponent(ReadLines, {}, { params: { path } }).catch(
      (e: unknown) => e,
    )) as Error & { cause?: { code?: string } };
    expect(isPlexusError(failure, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(failure.cause?.code).toBe('ERR_FILE_OPEN');
    expect(failure.message).toContain(
      `Component 'ReadLines' (ReadLines, inline) could not open '${path}' for reading`,
    );
    expect(failure.message).toContain('ENOENT');
    expect(failure.message).toContain('Check the path param');
  });

  test('a line longer than maxLineLength fails with ERR_LINE_TOO_LONG and the param to raise', async () => {
    const path = file('long.txt', `short\n${'y'.repeat(5000)}\n`);
    const failure = (await runComponent(
      ReadLines,
      {},
      { params: { path, maxLineLength: 1000, chunkSize: 512 } },
    ).catch((e: unknown) => e)) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_LINE_TOO_LONG');
    expect(failure.message).toMatch(
      /longer than 1000 characters \(line 2\).*Raise the maxLineLength param/,
    );
  });

  test('a stop while reading ends it as stopped, not failed', async () => {
    const path = file('stop.txt', 'word\n'.repeat(100_000));
    const seen: string[] = [];
    const g = graph('stop', { capacity: 4 });
    g.pipeline(
      g.add('read', ReadLines, { params: { path, chunkSize: 64 } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run();
    await until(() => seen.length > 10);
    await g.stop();
    await expect(run).resolves.toEqual({ status: 'stopped' });
    expect(g.stats().components.find((c) => c.name === 'read')?.state).toBe('stopped');
  });
});
