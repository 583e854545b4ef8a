import { describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { NdjsonEncode } from '../../src/index.ts';

describe('NdjsonEncode', () => {
  test('sends each record as compact JSON followed by a newline', async () => {
    const { out } = await runComponent(NdjsonEncode, { in: [{ id: 1 }, [1, 'two']] });
    expect(out).toEqual(['{"id":1}\n', '[1,"two"]\n']);
  });

  test('refuses a record JSON cannot carry with ERR_NOT_JSON', async () => {
    const failure = (await runComponent(NdjsonEncode, { in: [{ s: new Set([1]) }] }).catch(
      (e: unknown) => e,
    )) as Error & { cause?: { code?: string } };
    expect(failure.cause?.code).toBe('ERR_NOT_JSON');
    expect(failure.message).toContain('Set');
  });
});
