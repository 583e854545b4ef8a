/**
 * Components for the delivery property test: numbered records of varied sizes, and
 * pass-through composites, so random graphs can check that every message arrives exactly
 * once and in order on every backend.
 */
import { box, defineComponent, defineGraph, z } from '@plexus/core';
import { FastPass, Pass } from './components.ts';

/** A numbered message: who sent it, its position, and padding to give it a size. */
export const Numbered = z.object({ source: z.string(), seq: z.number(), pad: z.string() });
export type Numbered = z.output<typeof Numbered>;

/** Sends `count` records (forever if `count` is -1), each padded to a pseudo-random size. */
export const NumberedSource = defineComponent({
  name: 'NumberedSource',
  description:
    'Sends { source, seq, pad } for seq = 0, 1, …, count − 1 (or until stopped if count is −1); pad has 0 to maxSize characters.',
  outboxes: { out: box(Numbered, 'The records, in seq order.') },
  params: z.object({
    source: z.string(),
    count: z.number().int().min(-1),
    maxSize: z.number().int().min(0).default(0),
    seed: z.number().int().default(1),
  }),
  async body({ outbox, params }) {
    let state = params.seed >>> 0 || 1;
    for (let seq = 0; params.count < 0 || seq < params.count; seq++) {
      // xorshift32: sizes vary from message to message, the same on every run of a case.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      const size = params.maxSize === 0 ? 0 : state % (params.maxSize + 1);
      await outbox.out.send({ source: params.source, seq, pad: 'x'.repeat(size) });
    }
  },
});

/** A composite that passes messages through two stages of different body styles. */
export const Relay = defineGraph({
  name: 'Relay',
  description: 'Passes every message through a Pass and a FastPass.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.any(), 'The same messages, in order.') },
  build(graph) {
    const first = graph.add('first', Pass);
    const second = graph.add('second', FastPass);
    graph.link(graph.inbox('in'), first.inbox('in'));
    graph.link(first.outbox('out'), second.inbox('in'));
    graph.link(second.outbox('out'), graph.outbox('out'));
  },
});

/** A composite of composites: a Relay inside a Relay-like shell. */
export const NestedRelay = defineGraph({
  name: 'NestedRelay',
  description: 'Passes every message through a Relay and then a Pass.',
  inboxes: { in: box(z.any(), 'Anything.') },
  outboxes: { out: box(z.any(), 'The same messages, in order.') },
  build(graph) {
    const inner = graph.add('inner', Relay);
    const last = graph.add('last', Pass);
    graph.link(graph.inbox('in'), inner.inbox('in'));
    graph.link(inner.outbox('out'), last.inbox('in'));
    graph.link(last.outbox('out'), graph.outbox('out'));
  },
});
