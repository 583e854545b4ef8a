import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, isPlexusError, runComponent, z } from '@plexus/core';
import { collectInto, FromItems, fanOut } from '../../src/index.ts';

describe('fanOut', () => {
  test('sends every message on each named outbox, in order', async () => {
    const result = await runComponent(fanOut(['audit', 'work', 'log']), { in: [1, 2, 3] });
    expect(result).toEqual({ audit: [1, 2, 3], work: [1, 2, 3], log: [1, 2, 3] });
  });

  test('runs at the pace of the slowest destination: nothing is dropped with capacity-1 links', async () => {
    const slow: number[] = [];
    const fast: number[] = [];
    const Slow = defineComponent({
      name: 'Slow',
      description: 'Takes a message every millisecond.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        for await (const n of inbox.in) {
          slow.push(n);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      },
    });
    const g = graph('pace', { capacity: 1 });
    const split = g.add('split', fanOut(['slow', 'fast']));
    g.link(
      g.add('items', FromItems, { params: { items: [...Array(50).keys()] } }).outbox('out'),
      split.inbox('in'),
    );
    g.link(split.outbox('slow'), g.add('slowSink', Slow).inbox('in'));
    g.link(split.outbox('fast'), g.add('fastSink', collectInto(fast)).inbox('in'));
    await g.run();
    expect(slow).toEqual([...Array(50).keys()]);
    expect(fast).toEqual([...Array(50).keys()]);
  });

  test('an outbox left unlinked fails the run instead of dropping messages', async () => {
    const g = graph();
    const split = g.add('split', fanOut(['a', 'b']));
    g.link(g.add('items', FromItems, { params: { items: [1] } }).outbox('out'), split.inbox('in'));
    g.link(split.outbox('a'), g.add('sink', collectInto([])).inbox('in'));
    const failure = await g.run().catch((e: unknown) => e);
    expect(isPlexusError(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/outbox 'b'/);
  });

  test('bad box names are refused when the definition is made, with ERR_FACTORY_ARGS', () => {
    expect(() => fanOut([])).toThrow(
      expect.objectContaining({
        code: 'ERR_FACTORY_ARGS',
        message: expect.stringContaining(
          "fanOut(): needs at least one box name, e.g. fanOut(['left', 'right'])",
        ),
      }),
    );
    expect(() => fanOut(['a', 'a'])).toThrow(/was given the box name 'a' twice/);
    expect(() => fanOut(['no spaces'])).toThrow(/box names start with a letter/);
  });
});
