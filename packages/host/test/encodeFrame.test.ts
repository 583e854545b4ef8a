import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from '@jest/globals';
import { encodeFrame } from '../src/internal/encodeFrame.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The payload of a frame, after checking that its head gives its length. */
function payload(frame: Buffer): Buffer {
  expect(frame.readUInt32LE(0)).toBe(frame.length - 4);
  return frame.subarray(4);
}

const decode = (value: unknown) => deserialize(payload(encodeFrame(value)));

/** Plain data whose bytes must match Node's serializer exactly. */
const plain: Record<string, unknown> = {
  'a small record': { seq: 7, name: 'reading', ok: true },
  'a batch of records': [
    1,
    [
      { seq: 1, name: 'a' },
      { seq: 2, name: 'b', ok: false },
    ],
  ],
  'integers at the edges of int32': [0, 1, -1, 2 ** 30, -(2 ** 31), 2 ** 31 - 1],
  'numbers that are not int32': [2 ** 31, -(2 ** 31) - 1, 0.5, -0, NaN, Infinity, 1e300],
  'strings in Latin-1': ['', 'plain', 'café', 'x'.repeat(200), `${'é'.repeat(100)}!`],
  'null, undefined and booleans': [null, undefined, true, false, { missing: undefined }],
  'nested objects and arrays': { a: { b: { c: [[], {}, [[1]]] } } },
  'an object without a prototype': Object.assign(Object.create(null), { x: 1 }),
  'a __proto__ key, as JSON.parse makes it': JSON.parse('{"__proto__": {"p": 1}, "k": 2}'),
};

/** Data that decodes the same though V8 writes it differently (padding, numeric keys, holes). */
const equivalent: Record<string, unknown> = {
  'strings beyond Latin-1': [
    'Ω',
    'snow ☃',
    '😀 emoji',
    `${'ж'.repeat(100)}.`,
    `${'a'.repeat(70)}€`,
  ],
  'integer-like keys': { 0: 'zero', 12: 'twelve', name: 'n' },
  'an array with holes': Object.assign(new Array(5), { 0: 1, 2: 3 }),
};

/** Values left to Node's serializer. */
const others: Record<string, unknown> = {
  'a Map and a Set': [new Map([[1, { a: 1 }]]), new Set(['x'])],
  'a Date and a RegExp': { when: new Date(0), match: /a+/gi },
  'binary data': { bytes: new Uint8Array([1, 2, 3]), buffer: Buffer.from('hi') },
  'a BigInt': [10n ** 20n],
  'an error': new RangeError('too far'),
};

class Point {
  x = 1;
  y = 2;
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

describe('a socket frame', () => {
  test.each(Object.entries(plain))('holds the bytes v8.serialize writes for %s', (_, value) => {
    expect(payload(encodeFrame(value)).equals(serialize(value))).toBe(true);
  });

  test.each(Object.entries({ ...plain, ...equivalent, ...others }))(
    'decodes %s as v8.serialize would',
    (_, value) => {
      expect(decode(value)).toStrictEqual(deserialize(serialize(value)));
    },
  );

  test('writes a large object sent twice once, and it arrives as one object', () => {
    const big = Array.from({ length: 1000 }, (_, i) => i);
    const once = encodeFrame([big]).length;
    const twice = encodeFrame([big, big]);
    expect(twice.length).toBeLessThan(once + 10);
    const [first, second] = deserialize(payload(twice)) as number[][];
    expect(first).toBe(second);
    expect(first).toEqual(big);
  });

  test('writes a small object reached twice twice, with the same content', () => {
    const small = { a: 1 };
    expect(decode([small, { inner: small }])).toEqual([{ a: 1 }, { inner: { a: 1 } }]);
  });

  test('carries cycles and very deep values (through Node’s serializer)', () => {
    const cycle: { self?: unknown; n: number } = { n: 1 };
    cycle.self = cycle;
    const back = decode(cycle) as typeof cycle;
    expect(back.self).toBe(back);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 500; i++) deep = { deep };
    expect(decode(deep)).toEqual(deep);
  });

  test('throws Node’s error for what cannot be cloned', () => {
    expect(() => encodeFrame({ f: () => 1 })).toThrow(/could not be cloned/);
    expect(() => encodeFrame([Symbol('s')])).toThrow(/could not be cloned/);
  });

  test.each([
    ['alone', new Point()],
    ['in a record', { at: new Point() }],
    ['in an array in a Map', new Map([['points', [new Point()]]])],
    ['next to a Date', { when: new Date(0), at: new Point() }],
  ])(
    'refuses a class instance %s, which v8.serialize would write as a plain object',
    (_, value) => {
      expect(() => encodeFrame(value)).toThrow(TypeError);
    },
  );

  test('writes a Proxy of a plain object through its traps, where v8.serialize refuses it', () => {
    const proxy = new Proxy({ a: 1 }, { get: (_, key) => (key === 'a' ? 2 : undefined) });
    expect(() => serialize(proxy)).toThrow(/could not be cloned/);
    expect(decode(proxy)).toEqual({ a: 2 });
  });

  test('is not disturbed by a huge frame before a small one', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => `item ${i}`);
    expect(decode(huge)).toEqual(huge);
    expect(decode({ after: true })).toEqual({ after: true });
  });

  test('keeps nothing it wrote alive (Node’s serializer holds every object until it is collected)', async () => {
    const refs = (() => {
      const message = { seq: 1, inner: { name: 'x' } };
      encodeFrame([message]);
      return [new WeakRef(message), new WeakRef(message.inner)];
    })();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined]);
  });
});
