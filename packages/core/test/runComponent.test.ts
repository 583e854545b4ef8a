import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, runComponent, z } from '@plexus/core';
import { Count, Double, FailOn, Take } from '@plexus/scenarios/components';

const Split = defineComponent({
  name: 'Split',
  description: 'Sends even numbers one way, odd numbers the other.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { even: box(z.number(), 'Even numbers.'), odd: box(z.number(), 'Odd numbers.') },
  async body({ inbox, outbox }) {
    for await (const n of inbox.in) await (n % 2 === 0 ? outbox.even : outbox.odd).send(n);
  },
});

describe('runComponent', () => {
  test('feeds each inbox its messages in order and returns everything each outbox sent', async () => {
    await expect(runComponent(Double, { in: [1, 2, 3] })).resolves.toEqual({ out: [2, 4, 6] });
    await expect(runComponent(Split, { in: [1, 2, 3, 4] })).resolves.toEqual({
      even: [2, 4],
      odd: [1, 3],
    });
  });

  test('an inbox given no messages simply ends; a source needs no inputs', async () => {
    await expect(runComponent(Double)).resolves.toEqual({ out: [] });
    await expect(runComponent(Count, {}, { params: { to: 3 } })).resolves.toEqual({
      out: [1, 2, 3],
    });
  });

  test('a component that ends early leaves the rest of its input unread', async () => {
    await expect(
      runComponent(Take, { in: ['a', 'b', 'c'] }, { params: { n: 2 } }),
    ).resolves.toEqual({ out: ['a', 'b'] });
  });

  test("rejects with the component's failure", async () => {
    await expect(
      runComponent(FailOn, { in: [1, 2] }, { params: { value: 2 } }),
    ).rejects.toMatchObject({
      code: 'ERR_COMPONENT_FAILED',
      component: 'FailOn',
      box: 'in',
      involved: '2',
    });
  });

  test('runs checked by default: inputs that do not fit an inbox fail the run', async () => {
    await expect(runComponent(Double, { in: ['one' as never] })).rejects.toThrow(
      "received on inbox 'in' a message from 'in-feed.out' that does not fit the inbox's schema",
    );
    await expect(runComponent(Double, { in: ['1' as never] }, { checked: false })).resolves.toEqual(
      { out: [2] },
    );
  });
});
