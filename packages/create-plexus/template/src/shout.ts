import { box, defineComponent } from '@plexus/core';
import { z } from 'zod';

/**
 * Upper-cases each word it receives and adds a mark. A component talks only through its own
 * boxes; the graph file decides where its words come from and where they go.
 */
export const Shout = defineComponent({
  name: 'Shout',
  description: 'Upper-cases each word and adds a mark.',
  inboxes: { in: box(z.string(), 'Words.') },
  outboxes: { out: box(z.string(), 'The same words, in capitals, marked.') },
  params: z.object({ mark: z.string().default('!').describe('What follows each word.') }),
  async body({ inbox, outbox, params }) {
    for await (const word of inbox.in) await outbox.out.send(`${word.toUpperCase()}${params.mark}`);
  },
});
