import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collectInto, FromItems, Join, Split } from '../../src/index.ts';
import { failure, run } from './helpers.ts';

/** Split then Join, in one graph. */
async function roundTrip(
  items: unknown[],
  split: Record<string, unknown> = {},
  join: Record<string, unknown> = {},
): Promise<unknown[]> {
  const seen: unknown[] = [];
  const g = graph('g', { capacity: 2 });
  g.pipeline(
    g.add('items', FromItems, { params: { items } }),
    g.add('split', Split, { params: split }),
    g.add('join', Join, { params: join }),
    g.add('seen', collectInto(seen)),
  );
  await g.run();
  return seen;
}

describe('Split', () => {
  test('splits arrays, objects and strings into pieces marked with parts', async () => {
    const { out } = await run(Split, {}, [['a', 'b'], { x: 1 }, 'l1\nl2']);
    expect(out).toEqual([
      { payload: 'a', parts: { id: 'Split-1', index: 0, count: 2, type: 'array' } },
      { payload: 'b', parts: { id: 'Split-1', index: 1, count: 2, type: 'array' } },
      { payload: 1, parts: { id: 'Split-2', index: 0, count: 1, type: 'object', key: 'x' } },
      { payload: 'l1', parts: { id: 'Split-3', index: 0, count: 2, type: 'string', ch: '\n' } },
      { payload: 'l2', parts: { id: 'Split-3', index: 1, count: 2, type: 'string', ch: '\n' } },
    ]);
  });

  test('with property, replaces that field of a copy of the message', async () => {
    const { out } = await run(Split, { property: 'payload', size: 2 }, [
      { topic: 't', payload: [1, 2, 3] },
    ]);
    expect(out).toEqual([
      {
        topic: 't',
        payload: [1, 2],
        parts: { id: 'Split-1', index: 0, count: 2, type: 'array', len: 2 },
      },
      {
        topic: 't',
        payload: [3],
        parts: { id: 'Split-1', index: 1, count: 2, type: 'array', len: 2 },
      },
    ]);
  });

  test('a value that cannot be split fails with ERR_MESSAGE_SHAPE', async () => {
    expect((await failure(Split, {}, [3])).cause?.code).toBe('ERR_MESSAGE_SHAPE');
  });
});

describe('Join', () => {
  test("mode 'parts' puts Split's pieces back as they were", async () => {
    const items = [[1, 2, 3], { a: 1, b: [2] }, 'x,y,z', [], [4, 5, 6, 7, 8]];
    expect(await roundTrip(items.slice(0, 4), {}, {})).toEqual([items[0], items[1], 'x,y,z']);
    expect(await roundTrip(['x,y,z'], { separator: ',' })).toEqual(['x,y,z']);
    expect(await roundTrip([items[4]], { size: 2 })).toEqual([items[4]]);
    expect(await roundTrip(['abcdefg'], { length: 3 })).toEqual(['abcdefg']);
  });

  test('joins interleaved sequences whose pieces come in any order', async () => {
    const piece = (id: string, index: number, payload: unknown) => ({
      payload,
      parts: { id, index, count: 2, type: 'array' },
    });
    const { out } = await run(Join, {}, [
      piece('a', 1, 'a1'),
      piece('b', 0, 'b0'),
      piece('a', 0, 'a0'),
      piece('b', 1, 'b1'),
    ]);
    expect(out).toEqual([
      ['a0', 'a1'],
      ['b0', 'b1'],
    ]);
  });

  test('with property, sends the last message carrying the joined field', async () => {
    const seen = await roundTrip(
      [{ topic: 't', payload: 'a b' }],
      { property: 'payload', separator: ' ' },
      { property: 'payload' },
    );
    expect(seen).toEqual([{ topic: 't', payload: 'a b' }]);
  });

  test("mode 'count' sends every count messages (per group), and the rest at the end", async () => {
    expect((await run(Join, { mode: 'count', count: 2 }, [1, 2, 3, 4, 5])).out).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    expect((await run(Join, { mode: 'count', count: 2, partial: false }, [1, 2, 3])).out).toEqual([
      [1, 2],
    ]);
    const messages = [
      { topic: 'a', v: 1 },
      { topic: 'b', v: 2 },
      { topic: 'a', v: 3 },
    ];
    expect(
      (await run(Join, { mode: 'count', count: 2, groupBy: 'topic', property: 'v' }, messages)).out,
    ).toEqual([
      { topic: 'a', v: [1, 3] },
      { topic: 'b', v: [2] },
    ]);
  });

  test("mode 'key' builds an object by key, sent once it has count keys", async () => {
    const messages = [
      { topic: 'temp', payload: 21 },
      { topic: 'temp', payload: 22 },
      { topic: 'hum', payload: 40 },
      { topic: 'temp', payload: 23 },
    ];
    const { out } = await run(Join, { mode: 'key', count: 2, property: 'payload' }, messages);
    expect(out).toEqual([
      { topic: 'hum', payload: { temp: 22, hum: 40 } },
      { topic: 'temp', payload: { temp: 23 } },
    ]);
  });

  test("mode 'parts' refuses messages without parts; count and key modes need count", async () => {
    expect((await failure(Join, {}, [{ payload: 1 }])).cause?.code).toBe('ERR_MESSAGE_SHAPE');
    expect(() => graph('g').add('j', Join, { params: { mode: 'count' } })).toThrow(
      "needs 'count' with mode 'count' or 'key'",
    );
  });
});
