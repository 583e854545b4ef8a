import { describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { JsonDecode } from '../../src/index.ts';

describe('JsonDecode', () => {
  test('parses each message as one document, text or UTF-8 bytes', async () => {
    const bytes = new TextEncoder().encode('{"é": [1, 2]}');
    const { out } = await runComponent(JsonDecode, {
      in: [' {"a":1} ', '[2]', bytes, '"s"', 'null'],
    });
    expect(out).toEqual([{ a: 1 }, [2], { é: [1, 2] }, 's', null]);
  });

  test('invalid JSON fails with ERR_BAD_JSON, quoting the text and naming the onError param', async () => {
    const failure = (await runComponent(JsonDecode, { in: ['{"ok":1}', '{oops'] }).catch(
      (e: unknown) => e,
    )) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_BAD_JSON');
    expect(failure.message).toContain(
      "Component 'JsonDecode' (JsonDecode, inline) received text that is not valid JSON",
    );
    expect(failure.message).toContain('"{oops"');
    expect(failure.message).toContain("set the onError param to 'skip'");
  });

  test("onError 'skip' sends invalid texts on invalid and carries on", async () => {
    const result = await runComponent(
      JsonDecode,
      { in: ['1', 'nope', '2'] },
      { params: { onError: 'skip' } },
    );
    expect(result).toEqual({ out: [1, 2], invalid: ['nope'] });
  });
});
