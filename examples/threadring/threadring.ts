/**
 * The Computer Language Benchmarks Game's thread-ring with generator bodies: threads 1 to
 * `size` in a ring pass a token round, each passing it on one less, and the thread that
 * receives 0 reports its number. The threads can be placed inline, on a worker or in a process.
 */
import { box, defineComponent, graph, type Placement, type Steps, z } from '@plexus/core';

/** One thread of the ring: passes the token on, one less; reports its number when it gets 0. */
export const Thread = defineComponent({
  name: 'Thread',
  description: 'Passes the token on, one less; reports its number when the token reaches 0.',
  inboxes: { in: box(z.number(), 'The token: hops still to go.') },
  outboxes: {
    out: box(z.number(), 'The token, one less.'),
    winner: box(z.number(), 'Its number, sent when it receives 0.', { optional: true }),
  },
  params: z.object({
    id: z.number().int().min(1),
    token: z.number().int().min(1).optional().describe('The token it starts with (thread 1).'),
  }),
  *body({ inbox, outbox, params }): Steps {
    const input = inbox.in;
    const output = outbox.out;
    if (params.token !== undefined) yield output.send(params.token - 1);
    while (yield input) {
      const token = input.recv();
      if (token === 0) {
        yield outbox.winner.send(params.id);
        return;
      }
      if (!output.trySend(token - 1)) yield output.send(token - 1);
    }
  },
});

/** Prints the number of the thread that received 0. */
export const Report = defineComponent({
  name: 'Report',
  description: 'Prints the number it receives.',
  inboxes: { in: box(z.number(), 'The winning thread.') },
  async body({ inbox }) {
    for await (const id of inbox.in) console.log(id);
  },
});

/** A thread-ring of `size` threads passing a token `hops` times, the threads placed by `place`. */
export function threadRing(size: number, hops: number, place: Placement = {}) {
  const g = graph('threadring');
  const threads = Array.from({ length: size }, (_, i) =>
    g.add(`thread${i + 1}`, Thread, {
      ...place,
      params: i === 0 ? { id: 1, token: hops } : { id: i + 1 },
    }),
  );
  const report = g.add('report', Report);
  threads.forEach((thread, i) => {
    g.link(thread.outbox('out'), threads[(i + 1) % size]!.inbox('in'));
    g.link(thread.outbox('winner'), report.inbox('in'));
  });
  return g;
}
