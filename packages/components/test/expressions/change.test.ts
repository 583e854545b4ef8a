import { describe, expect, test } from '@jest/globals';
import { Change } from '../../src/index.ts';
import { failure, run } from './helpers.ts';

describe('Change', () => {
  test('sets, moves and deletes fields by rules applied in order, leaving the message as it was', async () => {
    const message = Object.freeze({ topic: 'a/t', payload: Object.freeze({ c: 21 }) });
    const { out } = await run(
      Change,
      {
        rules: [
          { set: 'payload.f', expression: 'payload.c * 9 / 5 + 32' },
          { move: 'payload', to: 'reading' },
          { set: 'meta.unit', value: 'C' },
          { delete: 'topic' },
          { move: 'absent', to: 'nowhere' },
        ],
      },
      [message],
    );
    expect(out).toEqual([{ reading: { c: 21, f: 69.8 }, meta: { unit: 'C' } }]);
    expect(message).toEqual({ topic: 'a/t', payload: { c: 21 } });
  });

  test('an expression that matches nothing deletes the field; array items are numbered', async () => {
    const { out } = await run(
      Change,
      {
        rules: [
          { set: 'x', expression: 'missing' },
          { set: 'items.1.name', value: 'B' },
          { delete: 'items.0' },
        ],
      },
      [{ x: 1, items: [{ name: 'a' }, { name: 'b' }] }],
    );
    expect(out).toEqual([{ items: [{ name: 'B' }] }]);
  });

  test('a message that is not an object fails with ERR_MESSAGE_SHAPE', async () => {
    const error = await failure(Change, { rules: [{ set: 'a', value: 1 }] }, [5]);
    expect(error.cause?.code).toBe('ERR_MESSAGE_SHAPE');
    expect(error.message).toContain('received 5, which has no object where rule 1 changes a field');
  });
});
