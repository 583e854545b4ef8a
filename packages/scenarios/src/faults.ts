/**
 * Components that fail on purpose, for the supervision scenarios. Like the other scenario
 * components they share nothing with the test, so they run inline, on a worker or in a
 * process alike. Their crash counts live in their module, so they survive a restart of the
 * component (which runs its body again) but not of its thread or process.
 */
import { box, defineComponent, defineGraph, type Steps, z } from '@plexus/core';
import { Pass } from './components.ts';

const crashes = new Map<string, number>();

/** Passes numbers on, and crashes on `value` the first `times` times it receives it. */
export const CrashOn = defineComponent({
  name: 'CrashOn',
  description:
    'Passes numbers through; throws on receiving `value`, the first `times` times (counted per instance and `key`).',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The same numbers.') },
  params: z.object({
    value: z.number(),
    times: z.number().int().default(1),
    key: z.string().default(''),
  }),
  async body({ name, inbox, outbox, params }) {
    const key = `${params.key}/${name}`;
    for await (const n of inbox.in) {
      const seen = crashes.get(key) ?? 0;
      if (n === params.value && seen < params.times) {
        crashes.set(key, seen + 1);
        throw new RangeError(`crash ${seen + 1} on ${n}`);
      }
      await outbox.out.send(n);
    }
  },
});

/** Numbers each message with how many this run of the body has passed on: `[n, message]`. */
export const Lap = defineComponent({
  name: 'Lap',
  description: 'Sends [count, message]: count starts at 1 each time the body (re)starts.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.tuple([z.number(), z.any()]), 'Numbered messages.') },
  async body({ inbox, outbox }) {
    let count = 0;
    for await (const message of inbox.in) await outbox.out.send([++count, message]);
  },
});

/** Sends on what it receives: two of them in a cycle, with no message, wait forever. */
export const Echo = defineComponent({
  name: 'Echo',
  description: 'Sends on every number it receives.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The same numbers.') },
  async body({ inbox, outbox }) {
    for await (const n of inbox.in) await outbox.out.send(n);
  },
});

/** Starts a number round a cycle and passes it on, one more, until it has gone round `laps` times. */
export const Ping = defineComponent({
  name: 'Ping',
  description: 'Sends 0, then passes on each number it receives plus one, ending at laps.',
  inboxes: { in: box(z.number(), 'The number, back from round the cycle.') },
  outboxes: { out: box(z.number(), 'The number, one more.') },
  params: z.object({ laps: z.number().int().min(1).default(2) }),
  async body({ inbox, outbox, params }) {
    await outbox.out.send(0);
    for await (const n of inbox.in) {
      if (n + 1 >= params.laps) return;
      await outbox.out.send(n + 1);
    }
  },
});

/** Takes numbers, and keeps waiting on its inbox after it has ended: a loop that ignores the end. */
export const Deaf = defineComponent({
  name: 'Deaf',
  description: 'Takes numbers, and never notices that its input has ended.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  async body({ inbox }) {
    for (;;) {
      await inbox.in.wait();
      while (inbox.in.dataReady()) inbox.in.recv();
    }
  },
});

/** Holds what it receives for `ms`, waiting on its inbox with a timeout meanwhile (`waitFor`). */
export const Hold = defineComponent({
  name: 'Hold',
  description: 'Holds numbers until ms pass with nothing new, then sends them on.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The same numbers, later.') },
  params: z.object({ ms: z.number().min(0).default(500) }),
  async body({ inbox, outbox, params }) {
    const input = inbox.in;
    const held: number[] = [];
    for (;;) {
      const ready = held.length > 0 ? await input.waitFor(params.ms) : await input.wait();
      if (ready === 'timeout') {
        for (const n of held.splice(0)) await outbox.out.send(n);
        continue;
      }
      while (input.dataReady()) held.push(input.recv());
      if (!ready) break;
    }
    for (const n of held) await outbox.out.send(n);
  },
});

/**
 * Adds up what it receives and, once its input has ended, reports the total as its progress
 * and sends it. The report is a side effect a stop does not prevent (as printing would not be),
 * so it shows whether the body saw its input end.
 */
export const Tally = defineComponent({
  name: 'Tally',
  description: 'Adds up numbers; at the end of its input, reports and sends the total.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The total, once its input has ended.') },
  async body({ inbox, outbox, progress }) {
    let total = 0;
    for await (const n of inbox.in) total += n;
    progress(total, total);
    await outbox.out.send(total);
  },
});

/** Tally, draining its inbox with wait() and recv(). */
export const WaitTally = defineComponent({
  name: 'WaitTally',
  description: 'Adds up numbers with wait() and recv(); at the end, reports and sends the total.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The total, once its input has ended.') },
  async body({ inbox, outbox, progress }) {
    let total = 0;
    while (await inbox.in.wait()) while (inbox.in.dataReady()) total += inbox.in.recv();
    progress(total, total);
    await outbox.out.send(total);
  },
});

/** Tally as a generator body. */
export const StepTally = defineComponent({
  name: 'StepTally',
  description: 'Adds up numbers (a generator body); at the end, reports and sends the total.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The total, once its input has ended.') },
  *body({ inbox, outbox, progress }): Steps {
    let total = 0;
    while (yield inbox.in) while (inbox.in.dataReady()) total += inbox.in.recv();
    progress(total, total);
    yield outbox.out.send(total);
  },
});

/** Three stages, the middle one crashing: `a` (Pass) → `b` (CrashOn) → `c` (Pass). */
export const CrashChain = defineGraph({
  name: 'CrashChain',
  description: 'Passes numbers through a, b and c; b crashes on `value`, `times` times.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'The same numbers.') },
  params: z.object({ value: z.number(), times: z.number().int().default(1), key: z.string() }),
  build(graph, params) {
    const a = graph.add('a', Pass);
    const b = graph.add('b', CrashOn, { params });
    const c = graph.add('c', Pass);
    graph.link(graph.inbox('in'), a.inbox('in'));
    graph.link(a.outbox('out'), b.inbox('in'));
    graph.link(b.outbox('out'), c.inbox('in'));
    graph.link(c.outbox('out'), graph.outbox('out'));
  },
});
