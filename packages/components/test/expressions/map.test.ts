import { describe, expect, test } from '@jest/globals';
import { graph, typeName } from '@plexus/core';
import { Map as MapExpression } from '../../src/index.ts';
import { failure, run } from './helpers.ts';

describe('Map', () => {
  test('sends the value of the expression for each message, in order', async () => {
    const { out } = await run(MapExpression, { expression: 'c * 9 / 5 + 32' }, [
      { c: 20 },
      { c: 30 },
    ]);
    expect(out).toEqual([68, 86]);
  });

  test('builds objects and arrays as plain data, and sends nothing where nothing matches', async () => {
    const { out } = await run(
      MapExpression,
      { expression: '{ "id": id, "total": $sum(items.price), "names": [items.name] }' },
      [
        {
          id: 1,
          items: [
            { name: 'a', price: 2 },
            { name: 'b', price: 3 },
          ],
        },
      ],
    );
    expect(out).toEqual([{ id: 1, total: 5, names: ['a', 'b'] }]);
    expect(Object.keys((out![0] as { names: string[] }).names)).toEqual(['0', '1']);
    expect(
      (await run(MapExpression, { expression: 'missing' }, [{ a: 1 }, { missing: 2 }])).out,
    ).toEqual([2]);
  });

  test('its outbox has the type the expression produces, where that can be told', () => {
    const g = graph('g');
    const typeOf = (expression: string) =>
      typeName(
        g.add(`m${Math.random()}`.replace('.', ''), MapExpression, { params: { expression } })
          .definition.outboxes.out.schema,
      );
    expect(typeOf('first & " " & last')).toBe('string');
    expect(typeOf('$average(readings.value)')).toBe('number');
    expect(typeOf('temp > 30')).toBe('boolean');
    expect(typeOf('{ "a": 1 }')).toBe('object');
    expect(typeOf('temp > 30 ? "hot" : 0')).toBe('string | number');
    expect(typeOf('payload')).toBe('any');
    expect(typeName(MapExpression.outboxes.out.schema)).toBe('any');
  });

  test('an expression that fails on a message fails the component, naming both', async () => {
    const error = await failure(MapExpression, { expression: '$nofunction(a)' }, [{ a: 1 }]);
    expect(error.cause?.code).toBe('ERR_EXPRESSION');
    expect(error.message).toContain(
      'could not evaluate its expression expression "$nofunction(a)" for the message {"a":1}',
    );
  });

  test("onError 'skip' sends the message and the error to errors and carries on", async () => {
    const { out, errors } = await run(MapExpression, { expression: 'a + 1', onError: 'skip' }, [
      { a: 1 },
      { a: 'x' },
      { a: 2 },
    ]);
    expect(out).toEqual([2, 3]);
    expect(errors).toEqual([
      {
        message: { a: 'x' },
        error: { code: 'ERR_EXPRESSION', message: expect.stringContaining('a + 1') },
      },
    ]);
  });

  test('an expression that does not compile is refused when the component is added', () => {
    expect(() => graph('g').add('m', MapExpression, { params: { expression: 'a + ' } })).toThrow(
      'is not a valid JSONata expression: Unexpected end of expression (at character 4 of "a + ")',
    );
  });
});
