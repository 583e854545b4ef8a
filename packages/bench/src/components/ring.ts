/** The ring node of threadring and ring: receives a token, passes it on one less, ends at zero. */
import { box, defineComponent, z } from '@plexus/core';

/**
 * A node of a ring. The node given a `token` sends it first; every node passes on what it
 * receives minus one, and the one that receives 0 ends — its ending then travels round the
 * ring (each node's inbox ends, or its only outgoing link breaks), so the graph completes.
 */
export const RingNode = defineComponent({
  name: 'RingNode',
  description: 'Passes the token on, one less; ends when it receives 0.',
  inboxes: { in: box(z.number(), 'The token: hops still to go.') },
  outboxes: { out: box(z.number(), 'The token, one less.') },
  params: z.object({ token: z.number().int().min(0).default(0) }),
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
