/**
 * The ring nodes of threadring and ring: each receives a token, passes it on one less, and ends
 * at zero — once with an async body and once with a generator body (the same program).
 */
import { box, defineComponent, type Steps, z } from '@plexus/core';

const token = box(z.number(), 'The token: hops still to go.');
const next = box(z.number(), 'The token, one less.');
const params = z.object({ token: z.number().int().min(0).default(0) });

/**
 * A node of a ring. The node given a `token` sends it first; every node passes on what it
 * receives minus one, and the one that receives 0 ends — its ending then travels round the
 * ring (each node's inbox ends, or its only outgoing link breaks), so the graph completes.
 */
export const RingNode = defineComponent({
  name: 'RingNode',
  description: 'Passes the token on, one less; ends when it receives 0.',
  inboxes: { in: token },
  outboxes: { out: next },
  params,
  async body({ inbox, outbox, params }) {
    const input = inbox.in;
    const output = outbox.out;
    if (params.token > 0) await output.send(params.token);
    while (await input.wait()) {
      const token = input.recv();
      if (token === 0) return;
      if (!output.trySend(token - 1)) await output.send(token - 1);
    }
  },
});

/**
 * {@link RingNode} with a generator body: it yields its inbox where RingNode awaits `wait()`, and
 * a send where RingNode awaits one, so a hop between two of them needs no promise.
 */
export const StepRingNode = defineComponent({
  name: 'StepRingNode',
  description: 'Passes the token on, one less; ends when it receives 0 (a generator body).',
  inboxes: { in: token },
  outboxes: { out: next },
  params,
  *body({ inbox, outbox, params }): Steps {
    const input = inbox.in;
    const output = outbox.out;
    if (params.token > 0) yield output.send(params.token);
    while (yield input) {
      const token = input.recv();
      if (token === 0) return;
      if (!output.trySend(token - 1)) yield output.send(token - 1);
    }
  },
});
