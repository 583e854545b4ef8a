/**
 * Components the scenario suite uses. They live in their own module and share nothing with
 * the test, so the very same definitions can be placed inline, on a worker or in a process.
 */
import { box, defineComponent, defineGraph, type Steps, z } from '@plexus/core';

/** Counts from `from` to `to` (inclusive). */
export const Count = defineComponent({
  name: 'Count',
  description: 'Sends the whole numbers from `from` to `to`, in order.',
  outboxes: { out: box(z.number(), 'The numbers, in order.') },
  params: z.object({ from: z.number().int().default(1), to: z.number().int().default(10) }),
  async body({ outbox, params }) {
    for (let i = params.from; i <= params.to; i++) await outbox.out.send(i);
  },
});

/** Sends `{ source, seq }` records: who sent it and its position, for order checks. */
export const Tagged = defineComponent({
  name: 'Tagged',
  description: 'Sends `count` records { source, seq } with seq counting from 0.',
  outboxes: {
    out: box(z.object({ source: z.string(), seq: z.number() }), 'The records, in seq order.'),
  },
  params: z.object({ source: z.string(), count: z.number().int().default(100) }),
  async body({ outbox, params }) {
    for (let seq = 0; seq < params.count; seq++)
      await outbox.out.send({ source: params.source, seq });
  },
});

/** Sends each given item. */
export const Emit = defineComponent({
  name: 'Emit',
  description: 'Sends each of the given items, in order.',
  outboxes: { out: box(z.any(), 'The items, in order.') },
  params: z.object({ items: z.array(z.unknown()).default([]) }),
  async body({ outbox, params }) {
    for (const item of params.items) await outbox.out.send(item);
  },
});

/** Sends numbers forever, until stopped. */
export const Forever = defineComponent({
  name: 'Forever',
  description: 'Sends 0, 1, 2, … until it is stopped or nobody listens.',
  outboxes: { out: box(z.number(), 'Ever larger numbers.') },
  async body({ outbox }) {
    for (let i = 0; ; i++) await outbox.out.send(i);
  },
});

/** Passes every message through (the for-await style). */
export const Pass = defineComponent({
  name: 'Pass',
  description: 'Sends on every message it receives, unchanged.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.any(), 'The same messages, in order.') },
  async body({ inbox, outbox }) {
    for await (const message of inbox.in) await outbox.out.send(message);
  },
});

/** Passes every message through (the Kamaelia style: drain synchronously, await only when needed). */
export const FastPass = defineComponent({
  name: 'FastPass',
  description: 'Sends on every message it receives, unchanged, draining its inbox synchronously.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.any(), 'The same messages, in order.') },
  async body({ inbox, outbox }) {
    const input = inbox.in;
    const output = outbox.out;
    while (await input.wait()) {
      while (input.dataReady()) {
        const message = input.recv();
        if (!output.trySend(message)) await output.send(message);
      }
    }
  },
});

/** Passes every message through, as a generator body: yields its inbox to wait, a send to wait for room. */
export const StepPass = defineComponent({
  name: 'StepPass',
  description: 'Sends on every message it receives, unchanged (a generator body).',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.any(), 'The same messages, in order.') },
  *body({ inbox, outbox }): Steps {
    const input = inbox.in;
    const output = outbox.out;
    while (yield input) {
      while (input.dataReady()) {
        const message = input.recv();
        if (!output.trySend(message)) yield output.send(message);
      }
    }
  },
});

/** Counts from `from` to `to` (inclusive), as a generator body that yields every send. */
export const StepCount = defineComponent({
  name: 'StepCount',
  description: 'Sends the whole numbers from `from` to `to`, in order (a generator body).',
  outboxes: { out: box(z.number(), 'The numbers, in order.') },
  params: z.object({ from: z.number().int().default(1), to: z.number().int().default(10) }),
  *body({ outbox, params }): Steps {
    for (let i = params.from; i <= params.to; i++) yield outbox.out.send(i);
  },
});

/** Doubles numbers. */
export const Double = defineComponent({
  name: 'Double',
  description: 'Doubles each number.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Each number times two.') },
  async body({ inbox, outbox }) {
    for await (const n of inbox.in) await outbox.out.send(n * 2);
  },
});

/** Takes the first `n` messages, then ends. */
export const Take = defineComponent({
  name: 'Take',
  description: 'Sends on the first `n` messages, then ends without reading more.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.any(), 'The first n messages.') },
  params: z.object({ n: z.number().int().min(0) }),
  async body({ inbox, outbox, params }) {
    let taken = 0;
    if (params.n === 0) return;
    for await (const message of inbox.in) {
      await outbox.out.send(message);
      if (++taken === params.n) return;
    }
  },
});

/** Passes messages through slowly. */
export const Slow = defineComponent({
  name: 'Slow',
  description: 'Sends on every message after waiting `ms` milliseconds.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.any(), 'The same messages, late.') },
  params: z.object({ ms: z.number().default(1) }),
  async body({ inbox, outbox, params }) {
    for await (const message of inbox.in) {
      await new Promise((resolve) => setTimeout(resolve, params.ms));
      await outbox.out.send(message);
    }
  },
});

/** Throws when it receives a given value. */
export const FailOn = defineComponent({
  name: 'FailOn',
  description: 'Passes numbers through, and throws when it receives `value`.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The numbers before the bad one.') },
  params: z.object({ value: z.number() }),
  async body({ inbox, outbox, params }) {
    for await (const n of inbox.in) {
      if (n === params.value) throw new RangeError(`refusing ${n}`);
      await outbox.out.send(n);
    }
  },
});

/** Sends an object and then changes it: a sharing bug checked mode must catch. */
export const MutateAfterSend = defineComponent({
  name: 'MutateAfterSend',
  description: 'Sends { n } and then changes n on the object it sent (a bug, on purpose).',
  outboxes: { out: box(z.object({ n: z.number() }), 'Records.') },
  async body({ outbox }) {
    const record = { n: 1 };
    await outbox.out.send(record);
    record.n = 2;
    await outbox.out.send({ n: 3 });
  },
});

/** Sends a function: a message that cannot cross a boundary. */
export const SendFunction = defineComponent({
  name: 'SendFunction',
  description: 'Sends a record holding a function (a bug, on purpose).',
  outboxes: { out: box(z.any(), 'Records.') },
  async body({ outbox }) {
    await outbox.out.send({ name: 'callback', run: () => 42 });
  },
});

/** Sends into an outbox nobody linked. */
export const Chatty = defineComponent({
  name: 'Chatty',
  description: 'Sends on `out` and on `log`; `log` is required.',
  outboxes: {
    out: box(z.number(), 'Numbers.'),
    log: box(z.string(), 'Log lines.'),
  },
  async body({ outbox }) {
    await outbox.out.send(1);
    await outbox.log.send('sent 1');
  },
});

/** Sums numbers and sends the total at end of stream. */
export const Sum = defineComponent({
  name: 'Sum',
  description: 'Adds up the numbers it receives and sends the total when its inbox ends.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The total, once.') },
  async body({ inbox, outbox }) {
    let total = 0;
    for await (const n of inbox.in) total += n;
    await outbox.out.send(total);
  },
});

/** A composite: double, then pass — used to nest. */
export const DoublePass = defineGraph({
  name: 'DoublePass',
  description: 'Doubles numbers through a Double and a FastPass.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Doubled numbers.') },
  build(graph) {
    const double = graph.add('double', Double);
    const pass = graph.add('pass', FastPass);
    graph.link(graph.inbox('in'), double.inbox('in'));
    graph.link(double.outbox('out'), pass.inbox('in'));
    graph.link(pass.outbox('out'), graph.outbox('out'));
  },
});

/** A composite of composites: quadruples numbers. */
export const Quadruple = defineGraph({
  name: 'Quadruple',
  description: 'Multiplies numbers by four through two nested DoublePass composites.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Numbers times four.') },
  build(graph) {
    const first = graph.add('first', DoublePass);
    const second = graph.add('second', DoublePass);
    graph.link(graph.inbox('in'), first.inbox('in'));
    graph.link(first.outbox('out'), second.inbox('in'));
    graph.link(second.outbox('out'), graph.outbox('out'));
  },
});

/** Transfers a buffer, then reports what the sender is left with. */
export const TransferBytes = defineComponent({
  name: 'TransferBytes',
  description:
    'Sends a 1 KiB buffer of 7s with transfer, then sends the byte length it still sees.',
  outboxes: {
    out: box(z.instanceof(Uint8Array), 'The buffer, moved.'),
    after: box(z.number(), "The sender's byte length after sending."),
  },
  async body({ outbox }) {
    const bytes = new Uint8Array(1024).fill(7);
    await outbox.out.send(bytes, { transfer: [bytes.buffer] });
    await outbox.after.send(bytes.byteLength);
  },
});

/**
 * Messages of every kind a link must carry exactly: plain records (which cross a boundary as
 * JSON text) and values JSON would change (which cross as a structured clone).
 */
export function variedMessages(): unknown[] {
  return [
    { seq: 1, name: 'reading', ok: true, none: null },
    { at: { x: 1, y: { z: -2 } }, tag: 'sensor', '': '', 'quote"d': 'a\\b\n\u2028' },
    { big: 2 ** 40, half: 0.5, negativeZero: -0 },
    { missing: undefined, nan: Number.NaN, inf: Number.NEGATIVE_INFINITY },
    { when: new Date(0), map: new Map([[1, 'a']]), set: new Set(['x']) },
    { list: [1, 'two', { three: 3 }], long: 'x'.repeat(100), lone: '\ud800' },
    7,
    'text',
    [1, 2],
    { seq: 2, name: 'reading', ok: false },
  ];
}

/**
 * Records that cross between threads as columns of one shape at a time: a shape with awkward
 * keys (empty, quoted, index-like) and null, the same keys in another order, a record with one
 * key too many in the middle of a run, and nested records (which go as JSON text instead).
 */
export function shapedRecords(): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 100; i++)
    out.push({
      seq: i,
      name: `r${i}`,
      ok: i % 2 === 0,
      none: null,
      '': '',
      'q"d': 'a\\b\n',
      2: i,
      1: -i - 1,
    });
  for (let i = 0; i < 50; i++) out.push({ name: `r${i}`, seq: i });
  for (let i = 0; i < 50; i++) out.push(i % 10 === 9 ? { seq: i, extra: true } : { seq: i });
  for (let i = 0; i < 50; i++) out.push({ seq: i, at: { x: i } });
  return out;
}

/** Sends {@link shapedRecords} as fast as its link takes them, so they share batches. */
export const Shaped = defineComponent({
  name: 'Shaped',
  description: 'Sends runs of same-shaped records, fast enough to share batches.',
  outboxes: { out: box(z.any(), 'The messages of shapedRecords(), in order.') },
  async body({ outbox }) {
    for (const message of shapedRecords())
      if (!outbox.out.trySend(message)) await outbox.out.send(message);
  },
});

/** Sends {@link variedMessages}, in order. */
export const Varied = defineComponent({
  name: 'Varied',
  description: 'Sends records and values of every kind a link must carry exactly.',
  outboxes: { out: box(z.any(), 'The messages of variedMessages(), in order.') },
  async body({ outbox }) {
    for (const message of variedMessages()) await outbox.out.send(message);
  },
});

/** Sorts numbers into two outboxes: multiples of `every` are "bad", the rest pass. */
export const Sift = defineComponent({
  name: 'Sift',
  description: 'Sends each number on `out`, or on `bad` if it is a multiple of `every`.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: {
    out: box(z.number(), 'Numbers that are not multiples of `every`.'),
    bad: box(z.number(), 'Multiples of `every`.'),
  },
  params: z.object({ every: z.number().int() }),
  async body({ inbox, outbox, params }) {
    for await (const n of inbox.in) {
      if (n % params.every === 0) await outbox.bad.send(n);
      else await outbox.out.send(n);
    }
  },
});
