/**
 * Compile-time tests: `pnpm typecheck` fails if any line marked `@ts-expect-error` compiles,
 * so these prove that wiring mistakes are type errors. Not run by jest.
 */
import {
  box,
  defineComponent,
  defineGraph,
  defineHandlers,
  graph,
  type NodeHandle,
  runComponent,
  type Steps,
  tagged,
  z,
} from '@plexus/core';

export const Upper = defineComponent({
  name: 'Upper',
  description: 'Upper-cases text.',
  inboxes: { in: box(z.string(), 'Text.') },
  outboxes: { out: box(z.string(), 'Upper-cased text.') },
  params: z.object({ suffix: z.string().default('') }),
  async body({ inbox, outbox, params }) {
    for await (const line of inbox.in) {
      const text: string = line;
      await outbox.out.send(text.toUpperCase() + params.suffix);
      // @ts-expect-error a number does not fit a string outbox
      await outbox.out.send(42);
      // @ts-expect-error there is no outbox 'missing'
      await outbox.missing.send('x');
    }
    // @ts-expect-error there is no inbox 'other'
    inbox.other.recv();
    // @ts-expect-error params are typed from their schema
    const wrong: number = params.suffix;
    void wrong;
  },
});

export const Numbers = defineComponent({
  name: 'Numbers',
  description: 'Counts.',
  outboxes: { out: box(z.number(), 'Numbers.') },
  params: z.object({ to: z.number() }),
  async body({ outbox, params }) {
    for (let i = 0; i < params.to; i++) outbox.out.trySend(i);
  },
});

/** A generator body: boxes and params are typed as in an async body; yields give back `any`. */
export const StepUpper = defineComponent({
  name: 'StepUpper',
  description: 'Upper-cases text (a generator body).',
  inboxes: { in: box(z.string(), 'Text.') },
  outboxes: { out: box(z.string(), 'Upper-cased text.') },
  *body({ inbox, outbox }): Steps {
    while (yield inbox.in) {
      const text: string = inbox.in.recv();
      yield outbox.out.send(text.toUpperCase());
      // @ts-expect-error a number does not fit a string outbox
      yield outbox.out.send(42);
      // @ts-expect-error there is no inbox 'other'
      yield inbox.other;
    }
  },
});

export const Broken = defineComponent({
  name: 'Broken',
  description: 'A generator body must return nothing.',
  // @ts-expect-error a generator body returns nothing (its return value has nowhere to go)
  *body(): Generator<unknown, number, unknown> {
    yield Promise.resolve();
    return 42;
  },
});

const g = graph();
const upper = g.add('upper', Upper);
const numbers = g.add('numbers', Numbers, { params: { to: 3 } });

// A string outbox into a string inbox links.
g.link(upper.outbox('out'), upper.inbox('in'));
// @ts-expect-error a number outbox cannot link into a string inbox
g.link(numbers.outbox('out'), upper.inbox('in'));
// @ts-expect-error there is no inbox 'input'
upper.inbox('input');
// @ts-expect-error a source has no inboxes
numbers.inbox('in');
// @ts-expect-error params with required fields must be given
g.add('n2', Numbers);
// @ts-expect-error params are checked against the schema
g.add('u2', Upper, { params: { suffix: 1 } });
// Params with defaults may be omitted.
g.add('u3', Upper);

// A pipeline checks each pair as `link` does: strings flow into a string inbox…
g.pipeline(upper, g.add('u4', Upper), g.add('u5', Upper));
// …but numbers do not.
// @ts-expect-error a number outbox cannot feed a string inbox, in a pipeline as in a link
g.pipeline(numbers, upper);
// @ts-expect-error the mismatch is found anywhere along the pipeline
g.pipeline(upper, g.add('u6', Upper), numbers, upper);
// A spread list of handles of unknown types is checked only where known.
const handles: NodeHandle[] = [upper, upper];
g.pipeline(...handles, upper);

export const Shout = defineGraph({
  name: 'Shout',
  description: 'Upper-cases text through a child.',
  inboxes: { in: box(z.string(), 'Text.') },
  outboxes: { out: box(z.string(), 'Loud text.') },
  build(inner) {
    const child = inner.add('upper', Upper);
    inner.link(inner.inbox('in'), child.inbox('in'));
    inner.link(child.outbox('out'), inner.outbox('out'));
    // @ts-expect-error the composite has no inbox 'nope'
    inner.inbox('nope');
    const counter = inner.add('numbers', Numbers, { params: { to: 1 } });
    // @ts-expect-error numbers cannot flow out of a string outbox
    inner.link(counter.outbox('out'), inner.outbox('out'));
  },
});

export async function outputsAreTyped(): Promise<string[]> {
  const { out } = await runComponent(Upper, { in: ['a'] });
  // @ts-expect-error inputs are typed per inbox
  await runComponent(Upper, { in: [1] });
  return out;
}

// Selective receive narrows to what the predicate or schema picks.
export const Picky = defineComponent({
  name: 'Picky',
  description: 'Takes numbers above ten first.',
  inboxes: { in: box(z.union([z.string(), z.number()]), 'Strings and numbers.') },
  async body({ inbox }) {
    const n = await inbox.in.receive((m): m is number => typeof m === 'number');
    const number: number | undefined = n;
    const s = await inbox.in.receive(z.string(), { timeout: 10 });
    const text: string | 'timeout' | undefined = s;
    // @ts-expect-error a receive with a timeout may give 'timeout'
    const never: number | undefined = await inbox.in.receive(z.number(), { timeout: 10 });
    void number;
    void text;
    void never;
  },
});

// Tagged handlers: the tags make the inbox's type; handlers get their own tag's payload.
export const Counter = defineHandlers({
  name: 'Counter',
  description: 'Adds up; reports when asked.',
  tags: { add: { n: z.number() }, report: {} },
  outboxes: { out: box(z.number(), 'Totals.') },
  init: () => ({ total: 0 }),
  handlers: {
    add: (state, message) => ({ total: state.total + message.n }),
    report: async (state, _message, { outbox }) => {
      await outbox.out.send(state.total);
      // @ts-expect-error the outbox carries numbers
      await outbox.out.send('total');
    },
  },
});

export const BadHandler = defineHandlers({
  name: 'BadHandler',
  description: 'A handler reading a field its tag does not have.',
  tags: { add: { n: z.number() } },
  init: () => 0,
  handlers: {
    // @ts-expect-error 'add' messages have no field 'm'
    add: (state, message) => state + message.m,
  },
});

export const CounterTags = tagged({ add: { n: z.number() }, report: {} });
export const Adder = defineComponent({
  name: 'Adder',
  description: 'Sends tagged messages to a Counter.',
  outboxes: { out: box(CounterTags, 'Tagged messages for a Counter.') },
  async body({ outbox }) {
    await outbox.out.send({ tag: 'add', n: 1 });
    await outbox.out.send({ tag: 'report' });
    // @ts-expect-error a wrong payload for 'add' does not compile
    await outbox.out.send({ tag: 'add', n: 'one' });
    // @ts-expect-error an unknown tag does not compile
    await outbox.out.send({ tag: 'subtract', n: 1 });
  },
});
const counter = g.add('counter', Counter);
g.link(g.add('adder', Adder).outbox('out'), counter.inbox('in'));
// @ts-expect-error strings cannot feed a Counter
g.link(upper.outbox('out'), counter.inbox('in'));
export async function taggedInputs(): Promise<number[]> {
  // @ts-expect-error inputs to a handler component are typed by its tags
  await runComponent(Counter, { in: [{ tag: 'add', n: 'x' }] });
  const { out } = await runComponent(Counter, { in: [{ tag: 'add', n: 2 }, { tag: 'report' }] });
  return out;
}
