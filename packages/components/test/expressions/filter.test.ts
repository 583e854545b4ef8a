import { describe, expect, test } from '@jest/globals';
import { Filter } from '../../src/index.ts';
import { run } from './helpers.ts';

describe('Filter', () => {
  test('passes messages for which the condition holds, and rejects the rest, in order', async () => {
    const messages = [{ t: 31 }, { t: 12 }, { t: 40 }, {}];
    expect(await run(Filter, { expression: 't > 30' }, messages)).toEqual({
      out: [{ t: 31 }, { t: 40 }],
      rejected: [{ t: 12 }, {}],
      errors: [],
    });
  });

  test("uses JSONata's truth: empty strings, arrays and objects are false", async () => {
    const messages = [{ v: '' }, { v: 'x' }, { v: [] }, { v: [0, 1] }, { v: {} }, { v: { a: 1 } }];
    const { out } = await run(Filter, { expression: 'v' }, messages);
    expect(out).toEqual([{ v: 'x' }, { v: [0, 1] }, { v: { a: 1 } }]);
  });
});
