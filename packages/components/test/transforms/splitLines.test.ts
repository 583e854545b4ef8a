import { describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { SplitLines } from '../../src/index.ts';

describe('SplitLines', () => {
  test('splits text chunks cut anywhere into lines, \\n or \\r\\n, keeping a last unterminated line', async () => {
    const { out } = await runComponent(SplitLines, { in: ['one\ntw', 'o\r', '\nthree\n\nfour'] });
    expect(out).toEqual(['one', 'two', 'three', '', 'four']);
  });

  test('decodes bytes whose characters are split across chunks', async () => {
    const bytes = new TextEncoder().encode('€uro\n日本\n');
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect((await runComponent(SplitLines, { in: chunks })).out).toEqual(['€uro', '日本']);
  });

  test('skipEmpty drops empty lines; input ending in a newline adds no empty last line', async () => {
    const { out } = await runComponent(
      SplitLines,
      { in: ['a\n\n\nb\n'] },
      { params: { skipEmpty: true } },
    );
    expect(out).toEqual(['a', 'b']);
    expect((await runComponent(SplitLines, { in: ['a\n'] })).out).toEqual(['a']);
  });

  test('no input sends nothing', async () => {
    expect((await runComponent(SplitLines, { in: [] })).out).toEqual([]);
  });

  test('a line longer than maxLineLength fails with ERR_LINE_TOO_LONG even before its newline arrives', async () => {
    const failure = (await runComponent(
      SplitLines,
      { in: ['ok\n', 'x'.repeat(60), 'x'.repeat(60)] },
      { params: { maxLineLength: 100 } },
    ).catch((e: unknown) => e)) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_LINE_TOO_LONG');
    expect(failure.message).toContain('longer than 100 characters (line 2)');
  });
});
