import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, runComponent, specialize, z } from '@plexus/core';

/** Routes each number to the outbox its params name for its remainder. */
const ByRemainder = defineComponent({
  name: 'ByRemainder',
  description: 'Sends each number to the outbox named for its remainder.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { rest: box(z.number(), 'Numbers no name is given for.', { optional: true }) },
  params: z.object({ names: z.array(z.string()).describe('Outbox name per remainder.') }),
  boxesFor: (params) => ({
    outboxes: Object.fromEntries(params.names.map((name) => [name, box(z.number(), 'Numbers.')])),
  }),
  async body({ inbox, outbox, params }) {
    const boxes = outbox as Record<string, { send(n: number): Promise<void> }>;
    for await (const n of inbox.in) await boxes[params.names[n % params.names.length]!]!.send(n);
  },
});

describe('boxes configured by params (boxesFor)', () => {
  test('an instance has the declared boxes and those its params add', async () => {
    const outputs = await runComponent(
      ByRemainder,
      { in: [0, 1, 2, 3] },
      { params: { names: ['even', 'odd'] } },
    );
    expect(outputs).toEqual({ rest: [], even: [0, 2], odd: [1, 3] });
  });

  test('links and handles see the added boxes; the definition itself is unchanged', () => {
    const g = graph('g');
    const node = g.add('route', ByRemainder, { params: { names: ['a'] } });
    expect(Object.keys(node.definition.outboxes)).toEqual(['rest', 'a']);
    expect(Object.keys(ByRemainder.outboxes)).toEqual(['rest']);
    expect(() => g.link('route.b', 'route.in')).toThrow("has no outbox 'b'");
  });

  test('specialize adds the boxes once, and leaves other definitions as they are', () => {
    const made = specialize(ByRemainder, { names: ['x'] });
    expect(Object.keys(made.outboxes)).toEqual(['rest', 'x']);
    expect(made.boxesFor).toBeUndefined();
    expect(specialize(made, { names: ['y'] })).toBe(made);
    const Plain = defineComponent({ name: 'Plain', description: 'Nothing.', body() {} });
    expect(specialize(Plain, {})).toBe(Plain);
  });

  test('a configured box under a declared name replaces it; one that is not a box is refused', () => {
    const narrowed = specialize(ByRemainder, { names: ['rest'] });
    expect(Object.keys(narrowed.outboxes)).toEqual(['rest']);
    expect(narrowed.outboxes.rest.optional).toBeUndefined();
    expect(() => specialize(ByRemainder, { names: ['no spaces'] })).toThrow(
      "outbox name 'no spaces' is not valid",
    );
  });

  test('boxesFor must be a function', () => {
    expect(() =>
      defineComponent({
        name: 'Bad',
        description: 'Bad.',
        boxesFor: 'no' as never,
        body() {},
      }),
    ).toThrow("its 'boxesFor' is not a function");
  });
});
