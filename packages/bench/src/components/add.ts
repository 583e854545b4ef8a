/** A stage that adds its own number: a chain of them has an output that shows every stage ran. */
import { box, defineComponent, z } from '@plexus/core';

export const Add = defineComponent({
  name: 'Add',
  description: 'Adds its param `n` to every number.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Each plus n.') },
  params: z.object({ n: z.number() }),
  async body({ inbox, outbox, params }) {
    for await (const x of inbox.in) await outbox.out.send(x + params.n);
  },
});
