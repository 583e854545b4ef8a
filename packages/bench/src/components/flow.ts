/**
 * Components the benchmarks run: a source, pass-through stages in both body styles, and sinks.
 * They live in their own module and are exported, so the very same definitions can be placed
 * inline, on a worker or in a child process.
 */
import { box, defineComponent, z } from '@plexus/core';
import { RateWindow } from '../measure/rateWindow.ts';
import { MessageKind, messageMaker } from './messages.ts';

/** Sends `count` messages of one kind, as fast as its link takes them (Kamaelia style). */
export const Generate = defineComponent({
  name: 'Generate',
  description: 'Sends `count` messages of the given kind as fast as its link takes them.',
  outboxes: { out: box(z.any(), 'The messages, numbered from 0.') },
  params: z.object({
    count: z.number().int().min(0),
    kind: MessageKind.default('number'),
    /** Length of the array, for kind `array`. */
    size: z.number().int().min(0).default(1000),
  }),
  async body({ outbox, params }) {
    const out = outbox.out;
    const make = messageMaker(params.kind, params.size);
    for (let i = 0; i < params.count; i++) {
      const message = make(i);
      if (!out.trySend(message)) await out.send(message);
    }
  },
});

/** Sends `count` numbers with one awaited send each (the plain style). */
export const GenerateAwait = defineComponent({
  name: 'GenerateAwait',
  description: 'Sends the numbers 0 … count-1, awaiting every send.',
  outboxes: { out: box(z.number(), 'The numbers.') },
  params: z.object({ count: z.number().int().min(0) }),
  async body({ outbox, params }) {
    for (let i = 0; i < params.count; i++) await outbox.out.send(i);
  },
});

// The pass-through styles are the scenario suite's: Kamaelia's synchronous drain (FastPass),
// a generator body yielding its inbox (StepPass) and one `for await` with an awaited send per
// message (Pass).
export { FastPass, Pass, StepPass } from '@plexus/scenarios/components';

/** Takes every message and counts them; reports the count at the end. */
export const Drain = defineComponent({
  name: 'Drain',
  description: 'Takes every message (synchronously while any wait) and reports how many.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: {
    count: box(z.number(), 'How many messages arrived, once at the end.', { optional: true }),
  },
  async body({ inbox, outbox }) {
    const input = inbox.in;
    let count = 0;
    while (await input.wait()) {
      while (input.dataReady()) {
        input.recv();
        count++;
      }
    }
    await outbox.count.send(count);
  },
});

/** Counts messages and times the middle 80 % of them; reports `{ count, rate }` at the end. */
export const Meter = defineComponent({
  name: 'Meter',
  description:
    'Counts messages and reports { count, rate } (msgs/s between 10 % and 90 % of `expected`).',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: {
    report: box(z.object({ count: z.number(), rate: z.number() }), 'Once, at the end.'),
  },
  params: z.object({ expected: z.number().int().min(1) }),
  async body({ inbox, outbox, params }) {
    const input = inbox.in;
    const window = new RateWindow(params.expected);
    while (await input.wait()) {
      while (input.dataReady()) {
        input.recv();
        window.tick();
      }
    }
    await outbox.report.send({ count: window.count, rate: window.rate() });
  },
});

/** A deliberately slow sink: takes messages, pausing `pauseMs` after every `pauseEvery`; reports the count. */
export const SlowSink = defineComponent({
  name: 'SlowSink',
  description:
    'Takes every message, pausing pauseMs after every pauseEvery of them; reports how many.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { count: box(z.number(), 'How many messages arrived, once at the end.') },
  params: z.object({
    pauseEvery: z.number().int().min(1).default(1000),
    pauseMs: z.number().min(0).default(1),
  }),
  async body({ inbox, outbox, params }) {
    const input = inbox.in;
    let count = 0;
    while (await input.wait()) {
      while (input.dataReady()) {
        input.recv();
        if (++count % params.pauseEvery === 0) {
          await new Promise((resolve) => setTimeout(resolve, params.pauseMs));
        }
      }
    }
    await outbox.count.send(count);
  },
});

/** CPU-bound work in steps of about `stepMs`, `steps` of them (run it at idle priority). */
export const Spin = defineComponent({
  name: 'Spin',
  description: 'Burns the CPU in short steps, sending after each (precomputation stand-in).',
  outboxes: { out: box(z.number(), 'A number per step.', { optional: true }) },
  params: z.object({ steps: z.number().int(), stepMs: z.number() }),
  async body({ outbox, params }) {
    let x = 0;
    for (let i = 0; i < params.steps; i++) {
      const until = performance.now() + params.stepMs;
      while (performance.now() < until) x = (x * 31 + i) % 1_000_003;
      await outbox.out.send(x);
    }
  },
});
