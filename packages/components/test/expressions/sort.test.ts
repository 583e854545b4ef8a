import { describe, expect, test } from '@jest/globals';
import { Sort } from '../../src/index.ts';
import { failure, run } from './helpers.ts';

describe('Sort', () => {
  test('sorts each array by its key, stably, numbers numerically, items without a key last', async () => {
    const items = [{ n: 'b', t: 10 }, { n: 'a' }, { n: 'c', t: 9 }, { n: 'd', t: 10 }];
    const { out } = await run(Sort, { by: 't' }, [items]);
    expect(out).toEqual([[items[2], items[0], items[3], items[1]]]);
    const desc = await run(Sort, { by: 't', order: 'desc' }, [items]);
    expect(desc.out).toEqual([[items[0], items[3], items[2], items[1]]]);
  });

  test("with of 'stream', sends every message in order at the end", async () => {
    const { out } = await run(Sort, { of: 'stream' }, ['b', 3, 'a', 1, true]);
    expect(out).toEqual([1, 3, 'a', 'b', true]);
    const error = await failure(Sort, { of: 'stream', max: 2 }, [1, 2, 3]);
    expect(error.cause?.code).toBe('ERR_COLLECT_LIMIT');
  });

  test('a message that is not an array fails with ERR_MESSAGE_SHAPE', async () => {
    const error = await failure(Sort, {}, [{ a: 1 }]);
    expect(error.cause?.code).toBe('ERR_MESSAGE_SHAPE');
  });
});
