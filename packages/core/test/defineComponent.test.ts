import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, defineGraph, defineHandlers, isPlexusError, z } from '@plexus/core';

const valid = {
  name: 'Upper',
  description: 'Upper-cases text.',
  inboxes: { in: box(z.string(), 'Text.') },
  outboxes: { out: box(z.string(), 'Upper-cased text.') },
  async body() {},
};

function definitionError(make: () => unknown): string {
  try {
    make();
  } catch (error) {
    expect(isPlexusError(error, 'ERR_BAD_DEFINITION')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a definition error');
}

describe('defineComponent', () => {
  test('returns a frozen definition that records its boxes, params and the module it was defined in', () => {
    const params = z.object({ size: z.number().default(3) });
    const Upper = defineComponent({ ...valid, params });
    expect(Upper.kind).toBe('component');
    expect(Upper.name).toBe('Upper');
    expect(Upper.inboxes.in.description).toBe('Text.');
    expect(Upper.params).toBe(params);
    expect(Object.isFrozen(Upper)).toBe(true);
    expect(Object.isFrozen(Upper.inboxes)).toBe(true);
    expect(Upper.source).toMatch(/defineComponent\.test\.ts$/);
  });

  test('a source with no inboxes and a sink with no outboxes are ordinary components', () => {
    const Source = defineComponent({
      name: 'Source',
      description: 'Emits.',
      outboxes: valid.outboxes,
      body() {},
    });
    const Sink = defineComponent({
      name: 'Sink',
      description: 'Eats.',
      inboxes: valid.inboxes,
      body() {},
    });
    expect(Source.inboxes).toEqual({});
    expect(Sink.outboxes).toEqual({});
  });

  test('box() records the schema, the description and whether the box is optional', () => {
    const schema = z.number();
    expect(box(schema, 'Numbers.')).toEqual({ schema, description: 'Numbers.' });
    expect(box(schema, 'Numbers.', { optional: true })).toEqual({
      schema,
      description: 'Numbers.',
      optional: true,
    });
  });

  test.each([
    ['a missing name', { ...valid, name: undefined }, 'name undefined is not valid'],
    ['a name with a dot', { ...valid, name: 'a.b' }, `name "a.b" is not valid`],
    ['a missing description', { ...valid, description: '' }, 'it has no description'],
    [
      'an inbox without a schema',
      { ...valid, inboxes: { in: { description: 'x' } } },
      "inbox 'in' has no zod schema",
    ],
    [
      'an outbox without a description',
      { ...valid, outboxes: { out: { schema: z.string() } } },
      "outbox 'out' has no description",
    ],
    [
      'a box name with a space',
      { ...valid, inboxes: { 'in put': box(z.string(), 'x') } },
      "inbox name 'in put' is not valid",
    ],
    [
      'params that are not a zod object',
      { ...valid, params: z.string() },
      "'params' must be a zod object",
    ],
    ['no body', { ...valid, body: undefined }, "it has no 'body'"],
  ])('rejects %s with a sentence saying what to fix', (_, spec, expected) => {
    expect(definitionError(() => defineComponent(spec as never))).toContain(expected);
  });
});

describe('defineGraph', () => {
  test('returns a frozen composite definition', () => {
    const G = defineGraph({
      name: 'G',
      description: 'A graph.',
      inboxes: valid.inboxes,
      build() {},
    });
    expect(G.kind).toBe('graph');
    expect(Object.isFrozen(G)).toBe(true);
    expect(G.source).toMatch(/defineComponent\.test\.ts$/);
  });

  test('rejects a composite without build', () => {
    expect(
      definitionError(() => defineGraph({ name: 'G', description: 'A graph.' } as never)),
    ).toContain("it has no 'build'");
  });
});

describe('where a definition was made (source)', () => {
  /** Counts the stacks formatted while `make` runs (a process unit formats through a source map). */
  function formatted<T>(make: () => T): { value: T; stacks: number } {
    const before = Error.prepareStackTrace;
    let stacks = 0;
    Error.prepareStackTrace = (error, sites) => {
      stacks++;
      return before === undefined
        ? `${error}\n${sites.map((site) => `    at ${site}`).join('\n')}`
        : before(error, sites);
    };
    try {
      return { value: make(), stacks };
    } finally {
      Error.prepareStackTrace = before;
    }
  }

  test('is found when first read, not when the definition is made', () => {
    const made = formatted(() => defineComponent(valid));
    expect(made.stacks).toBe(0);
    const read = formatted(() => [made.value.source, made.value.source]);
    expect(read.stacks).toBe(1);
    expect(read.value[0]).toMatch(/defineComponent\.test\.ts$/);
    expect(read.value[1]).toBe(read.value[0]);
  });

  test('reads, spreads and serialises as an ordinary property', () => {
    const G = formatted(() =>
      defineGraph({ name: 'G', description: 'A graph.', build() {} }),
    ).value;
    expect(Object.keys(G)).toContain('source');
    expect({ ...G }.source).toMatch(/defineComponent\.test\.ts$/);
    expect(JSON.parse(JSON.stringify(G)).source).toBe(G.source);
  });

  test('of a handlers table is the module that called defineHandlers', () => {
    const made = formatted(() =>
      defineHandlers({
        name: 'Tally',
        description: 'Counts.',
        tags: { add: { n: z.number() } },
        init: () => ({ total: 0 }),
        handlers: { add: (state, { n }) => ({ total: state.total + n }) },
      }),
    );
    expect(made.stacks).toBe(0);
    expect(Object.isFrozen(made.value)).toBe(true);
    expect(made.value.source).toMatch(/defineComponent\.test\.ts$/);
  });
});
