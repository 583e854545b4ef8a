import { describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { JsonEncode } from '../../src/index.ts';

const failureOf = async (message: unknown) =>
  (await runComponent(JsonEncode, { in: [message] }, { checked: false }).catch(
    (e: unknown) => e,
  )) as Error & { cause?: { code?: string } };

describe('JsonEncode', () => {
  test('sends one compact JSON text per message; dates become ISO strings', async () => {
    const { out } = await runComponent(JsonEncode, {
      in: [{ a: 1 }, [true, null], 'text', new Date('2020-01-02T03:04:05Z')],
    });
    expect(out).toEqual(['{"a":1}', '[true,null]', '"text"', '"2020-01-02T03:04:05.000Z"']);
  });

  test('indents when told', async () => {
    const { out } = await runComponent(JsonEncode, { in: [{ a: [1] }] }, { params: { indent: 2 } });
    expect(out).toEqual(['{\n  "a": [\n    1\n  ]\n}']);
  });

  test('refuses data JSON would silently change, with ERR_NOT_JSON saying what and how to fix', async () => {
    const map = await failureOf({ lookup: new Map([[1, 2]]) });
    expect(map.cause?.code).toBe('ERR_NOT_JSON');
    expect(map.message).toContain('it contains a Map, which JSON would write as {}');
    expect(map.message).toContain('Send plain data');
    expect((await failureOf({ big: 10n })).message).toContain('BigInt 10n');
    expect((await failureOf(new Uint8Array(2))).message).toContain('binary data');
    expect((await failureOf(undefined)).message).toContain('it is undefined');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect((await failureOf(cycle)).message).toContain('it refers to itself (a cycle)');
  });
});
