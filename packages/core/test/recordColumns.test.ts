import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { MAX_STRING } from '../src/internal/boundary/recordBatch.ts';
import { columnsItems, RecordColumns } from '../src/internal/boundary/recordColumns.ts';

/** Add every message of `batch`; the batch as the receiver rebuilds it, or null if refused. */
function viaColumns(batch: readonly unknown[]): unknown[] | null {
  if (batch.length === 0) return null; // an empty batch is never posted
  const columns = new RecordColumns();
  for (const message of batch) if (!columns.add(message)) return null;
  const [keys, values] = columns.text();
  return columnsItems(keys, values);
}

const plainLeaf = fc.oneof(
  fc.string({ maxLength: MAX_STRING }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
/** A leaf that JSON would change or drop, or a value that is not a leaf. */
const oddValue = fc.constantFrom(
  -0,
  Number.NaN,
  0.5,
  2 ** 31,
  undefined,
  1n,
  'x'.repeat(MAX_STRING + 1),
  new Date(0),
  [1],
  { nested: 1 },
);
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '7', '__proto__', 'a"b'));
/** Batches of records over a few keys, mostly of one shape, now and then not. */
const nearlyShapedBatch = fc
  .uniqueArray(key, { minLength: 0, maxLength: 5 })
  .chain((keys) =>
    fc
      .array(
        fc.oneof(
          { weight: 8, arbitrary: fc.tuple(...keys.map(() => plainLeaf)) },
          { weight: 1, arbitrary: fc.tuple(...keys.map(() => fc.oneof(plainLeaf, oddValue))) },
        ),
        { minLength: 1, maxLength: 20 },
      )
      .map((rows) => rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i]])))),
  );

describe('batches of same-shaped flat records cross as columns', () => {
  test('whatever the columns accept arrives exactly as a structured clone would', () => {
    fc.assert(
      fc.property(
        fc.oneof(nearlyShapedBatch, fc.array(fc.anything(), { maxLength: 4 })),
        (batch) => {
          const received = viaColumns(batch);
          if (received !== null) expect(received).toStrictEqual(structuredClone(batch));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('records of one shape with plain leaves are accepted, keys in their order', () => {
    const batch = [
      { seq: 1, name: 'a', ok: true, none: null, '': '', 'quote"d': 'a\\b\n\u2028', 2: 7, 1: 8 },
      { seq: 2, name: 'b', ok: false, none: null, '': 'x', 'quote"d': '', 2: -1, 1: 0 },
    ];
    const received = viaColumns(batch) as object[];
    expect(received).toStrictEqual(structuredClone(batch));
    expect(received.map((r) => Object.keys(r))).toEqual(batch.map((r) => Object.keys(r)));
  });

  test('a null-prototype record arrives as an ordinary object, as in a clone', () => {
    const record = Object.assign(Object.create(null), { a: 1, constructor: 'not a function' });
    const [received] = viaColumns([record])!;
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype);
    expect(received).toStrictEqual({ a: 1, constructor: 'not a function' });
  });

  test.each([
    [
      'keys in another order',
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
    ],
    ['a missing key', [{ a: 1, b: 2 }, { a: 1 }]],
    ['an extra key', [{ a: 1 }, { a: 1, b: 2 }]],
    ['a nested record', [{ a: { b: 1 } }]],
    ['an empty record', [{}]],
    ['a __proto__ key', [JSON.parse('{"__proto__":1}')]],
    ['a leaf JSON would change', [{ a: 1 }, { a: -0 }]],
    ['undefined', [{ a: undefined }]],
    [
      'a class instance',
      [
        new (class Point {
          x = 1;
        })(),
      ],
    ],
    ['a Proxy', [new Proxy({ a: 1 }, {})]],
    ['a number', [7]],
    ['an array', [[1, 2]]],
  ])('a batch with %s does not cross as columns', (_, batch) => {
    expect(viaColumns(batch)).toBeNull();
  });

  test('values are taken when a record is added, so the batch carries what was sent', () => {
    const columns = new RecordColumns();
    const record = { n: 1 };
    columns.add(record);
    record.n = 2;
    expect(columnsItems(...columns.text())).toEqual([{ n: 1 }]);
  });

  test('a cleared batch starts a new shape', () => {
    const columns = new RecordColumns();
    columns.add({ a: 1 });
    columns.clear();
    expect(columns.add({ b: 2 })).toBe(true);
    expect(columnsItems(...columns.text())).toEqual([{ b: 2 }]);
  });

  test('where code cannot be compiled at run time, records are built key by key, the same', () => {
    const compile = globalThis.Function;
    globalThis.Function = function refused() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    try {
      const batch = [
        { noEval: 1, name: 'a', toString: 'x' },
        { noEval: 2, name: 'b', toString: 'y' },
      ];
      expect(viaColumns(batch)).toStrictEqual(batch);
    } finally {
      globalThis.Function = compile;
    }
  });
});
