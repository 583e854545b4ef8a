import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  isPlainRecord,
  MAX_DEPTH,
  MAX_STRING,
  recordsText,
} from '../src/internal/boundary/recordBatch.ts';

/** What the receiver gets from a batch sent as JSON text. */
const viaJson = (message: unknown) => (JSON.parse(recordsText([message])!) as unknown[])[0];

/** Records whose fields are drawn from `leaves`, nested a few levels. */
const records = (...leaves: fc.Arbitrary<unknown>[]) =>
  fc.letrec((tie) => ({
    record: fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.oneof({ depthSize: 'small' }, ...leaves, tie('record')),
      { maxKeys: 5, depthIdentifier: 'record' },
    ),
  })).record;

const plainLeaves = [
  fc.string({ maxLength: MAX_STRING }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
];
/** Plain records of the kind JSON carries: short strings, 32-bit integers, booleans, null. */
const plainRecord = records(...plainLeaves);
/** Records that mostly are plain, with now and then a field JSON would change or drop. */
const nearlyPlainRecord = records(
  ...plainLeaves,
  ...plainLeaves,
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 0.5, 2 ** 31, undefined, 1n),
  fc.constantFrom(new Date(0), new Map([[1, 2]]), [1, 2], 'x'.repeat(MAX_STRING + 1)),
);

describe('batches of plain records cross as JSON text', () => {
  test('whatever the check lets through arrives exactly as a structured clone would', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nearlyPlainRecord,
          fc.anything({
            withNullPrototype: true,
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true,
            withBoxedValues: true,
            withObjectString: true,
          }),
        ),
        (value) => {
          if (isPlainRecord(value)) expect(viaJson(value)).toStrictEqual(structuredClone(value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('plain records of short strings, 32-bit integers, booleans and null take the JSON path', () => {
    fc.assert(
      fc.property(plainRecord, (record) => {
        expect(isPlainRecord(record)).toBe(true);
        expect(viaJson(record)).toStrictEqual(structuredClone(record));
      }),
    );
  });

  test('keys that name Object.prototype members arrive as own data, as in a clone', () => {
    const record = JSON.parse('{"__proto__":{"polluted":1},"toString":"x","hasOwnProperty":2}');
    expect(isPlainRecord(record)).toBe(true);
    const received = viaJson(record) as Record<string, unknown>;
    expect(received).toStrictEqual(structuredClone(record));
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype);
    expect(Object.keys(received)).toEqual(['__proto__', 'toString', 'hasOwnProperty']);
  });

  test('a record with a null prototype is plain, and arrives as an ordinary object', () => {
    const record = Object.assign(Object.create(null), { a: 1, constructor: 'not a function' });
    expect(isPlainRecord(record)).toBe(true);
    expect(viaJson(record)).toStrictEqual({ a: 1, constructor: 'not a function' });
  });

  test.each([
    ['a number', 7],
    ['a string', 'text'],
    ['an array', [1, 2]],
    ['null', null],
    ['-0', { n: -0 }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['a fraction', { n: 0.5 }],
    ['an integer beyond 32 bits', { n: 2 ** 31 }],
    ['undefined', { u: undefined }],
    ['a long string', { s: 'x'.repeat(MAX_STRING + 1) }],
    ['a nested array', { list: [1] }],
    ['a Date', { when: new Date(0) }],
    ['a Map', { map: new Map() }],
    ['a bigint', { n: 1n }],
    ['a function', { toJSON: () => 1 }],
    ['a class instance', { at: new (class Point {})() }],
    ['a Date itself', new Date(0)],
    ['a Proxy', new Proxy({ a: 1 }, {})],
    ['a nested Proxy', { inner: new Proxy({ a: 1 }, {}) }],
  ])('a message that is or holds %s is sent as a clone', (_, message) => {
    expect(isPlainRecord(message)).toBe(false);
  });

  test(`records nest up to ${MAX_DEPTH} levels deep; deeper ones are sent as a clone`, () => {
    const nest = (levels: number): object =>
      levels === 0 ? { leaf: 1 } : { down: nest(levels - 1) };
    expect(isPlainRecord(nest(MAX_DEPTH))).toBe(true);
    expect(isPlainRecord(nest(MAX_DEPTH + 1))).toBe(false);
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(isPlainRecord(cycle)).toBe(false);
  });

  test('a batch whose getter throws is not written as text (the clone reports the problem)', () => {
    const record = {
      get bad(): number {
        throw new Error('no');
      },
    };
    expect(recordsText([record])).toBeNull();
  });
});
