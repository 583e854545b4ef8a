import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { collectInto, FromItems, PublishTo, SubscribeTo } from '../../src/index.ts';
import { backplaneMembers } from '../../src/internal/backplanes.ts';
import { uniqueName } from '../helpers.ts';

describe('PublishTo', () => {
  test('every subscriber gets every message, in order, without any link between them', async () => {
    const backplane = uniqueName('news');
    const a: number[] = [];
    const b: number[] = [];
    const g = graph();
    g.pipeline(g.add('subA', SubscribeTo, { params: { backplane } }), g.add('a', collectInto(a)));
    g.pipeline(g.add('subB', SubscribeTo, { params: { backplane } }), g.add('b', collectInto(b)));
    g.pipeline(
      g.add('items', FromItems, { params: { items: [...Array(500).keys()] } }),
      g.add('pub', PublishTo, { params: { backplane } }),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(a).toEqual([...Array(500).keys()]);
    expect(b).toEqual([...Array(500).keys()]);
    expect(backplaneMembers(backplane)).toEqual({ publishers: 0, subscribers: 0 });
  });

  test('several publishers: each one’s order is kept, and subscribers end after the last leaves', async () => {
    const backplane = uniqueName('many');
    const seen: string[] = [];
    const g = graph();
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane } }),
      g.add('sink', collectInto(seen)),
    );
    for (const p of ['x', 'y', 'z']) {
      const items = [...Array(100).keys()].map((i) => `${p}${i}`);
      g.pipeline(
        g.add(`items-${p}`, FromItems, { params: { items } }),
        g.add(`pub-${p}`, PublishTo, { params: { backplane } }),
      );
    }
    await g.run();
    expect(seen).toHaveLength(300);
    for (const p of ['x', 'y', 'z'])
      expect(seen.filter((s) => s.startsWith(p))).toEqual(
        [...Array(100).keys()].map((i) => `${p}${i}`),
      );
  });

  test('a slow subscriber holds the publisher back rather than losing messages', async () => {
    const backplane = uniqueName('slow');
    const slow: number[] = [];
    const Slow = defineComponent({
      name: 'Slow',
      description: 'Takes a message every millisecond.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        for await (const n of inbox.in) {
          slow.push(n);
          if (n % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      },
    });
    const g = graph('slow', { capacity: 1 });
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane, capacity: 1 } }),
      g.add('slow', Slow),
    );
    g.pipeline(
      g.add('items', FromItems, { params: { items: [...Array(200).keys()] } }),
      g.add('pub', PublishTo, { params: { backplane } }),
    );
    await g.run();
    expect(slow).toEqual([...Array(200).keys()]);
  });

  test('with no subscriber, what is published is dropped and the publisher still ends', async () => {
    const backplane = uniqueName('nobody');
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3] } }),
      g.add('pub', PublishTo, { params: { backplane } }),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(backplaneMembers(backplane)).toEqual({ publishers: 0, subscribers: 0 });
  });

  test('an empty backplane name is refused at add() with ERR_BAD_PARAMS', () => {
    expect(() => graph().add('pub', PublishTo, { params: { backplane: '' } })).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_PARAMS' }),
    );
  });
});
