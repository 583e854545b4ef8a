import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, fromIterable, NdjsonDecode, NdjsonEncode } from '../../src/index.ts';

describe('NdjsonDecode', () => {
  test('parses records cut at any point, in text or bytes, skipping blank lines', async () => {
    const text = '{"a":1}\r\n\n{"b":"é"}\n  \n[3]';
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect((await runComponent(NdjsonDecode, { in: chunks })).out).toEqual([
      { a: 1 },
      { b: 'é' },
      [3],
    ]);
    expect(
      (await runComponent(NdjsonDecode, { in: [text.slice(0, 5), text.slice(5)] })).out,
    ).toEqual([{ a: 1 }, { b: 'é' }, [3]]);
  });

  test('round-trips records through NdjsonEncode', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      i,
      tag: `t${i % 7}`,
      nested: { ok: i % 2 === 0 },
    }));
    const seen: unknown[] = [];
    const g = graph('ndjson', { capacity: 8 });
    g.pipeline(
      g.add('records', fromIterable(records)),
      g.add('encode', NdjsonEncode),
      g.add('decode', NdjsonDecode),
      g.add('sink', collectInto(seen)),
    );
    await g.run();
    expect(seen).toEqual(records);
  });

  test('a line that is not JSON fails with ERR_BAD_JSON naming its line number', async () => {
    const failure = (await runComponent(NdjsonDecode, { in: ['1\n2\n', 'x3\n'] }).catch(
      (e: unknown) => e,
    )) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_BAD_JSON');
    expect(failure.message).toContain('not valid JSON on line 3');
  });

  test("onError 'skip' sends bad lines on invalid and carries on", async () => {
    const result = await runComponent(
      NdjsonDecode,
      { in: ['1\nbad\n2'] },
      { params: { onError: 'skip' } },
    );
    expect(result).toEqual({ out: [1, 2], invalid: ['bad'] });
  });
});
