import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, runComponent, z } from '@plexus/core';
import { collectInto, FromItems, roundRobin } from '../../src/index.ts';

describe('roundRobin', () => {
  test('deals messages to its outboxes in turn', async () => {
    expect(await runComponent(roundRobin(['a', 'b', 'c']), { in: [1, 2, 3, 4, 5, 6, 7] })).toEqual({
      a: [1, 4, 7],
      b: [2, 5],
      c: [3, 6],
    });
  });

  test('with skipFull, a stalled destination is passed over and the others get the messages', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stalled: number[] = [];
    const Stalled = defineComponent({
      name: 'Stalled',
      description: 'Takes one message, then waits for the test.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        for await (const n of inbox.in) {
          stalled.push(n);
          await gate;
        }
      },
    });
    const free: number[] = [];
    const g = graph('balance', { capacity: 2 });
    const deal = g.add('deal', roundRobin(['stuck', 'free'], { skipFull: true }));
    g.link(
      g.add('items', FromItems, { params: { items: [...Array(100).keys()] } }).outbox('out'),
      deal.inbox('in'),
    );
    g.link(deal.outbox('stuck'), g.add('stalled', Stalled).inbox('in'));
    g.link(deal.outbox('free'), g.add('sink', collectInto(free)).inbox('in'));
    const run = g.run();
    while (free.length < 90) await new Promise((resolve) => setTimeout(resolve, 2));
    release();
    await run;
    expect(free.length + stalled.length).toBe(100);
    expect(stalled.length).toBeLessThanOrEqual(4);
    expect([...free, ...stalled].sort((x, y) => x - y)).toEqual([...Array(100).keys()]);
  });
});
