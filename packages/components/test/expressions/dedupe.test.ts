import { describe, expect, test } from '@jest/globals';
import { Dedupe } from '../../src/index.ts';
import { run } from './helpers.ts';

describe('Dedupe', () => {
  test('drops messages whose key was seen, objects compared whatever their key order', async () => {
    const { out, duplicates } = await run(Dedupe, {}, [{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 2 }]);
    expect(out).toEqual([{ a: 1, b: 2 }, { a: 2 }]);
    expect(duplicates).toEqual([{ b: 2, a: 1 }]);
  });

  test('remembers only the last size distinct keys', async () => {
    const { out } = await run(Dedupe, { size: 2 }, [1, 2, 3, 1, 3]);
    expect(out).toEqual([1, 2, 3, 1]);
  });

  test("with mode 'changed', drops a value equal to the last of its group", async () => {
    const messages = [
      { topic: 'a', v: 1 },
      { topic: 'b', v: 1 },
      { topic: 'a', v: 1 },
      { topic: 'a', v: 2 },
      { topic: 'b', v: 1 },
      { topic: 'a', v: 1 },
    ];
    const { out } = await run(Dedupe, { mode: 'changed', by: 'v', per: 'topic' }, messages);
    expect(out).toEqual([messages[0], messages[1], messages[3], messages[5]]);
  });
});
