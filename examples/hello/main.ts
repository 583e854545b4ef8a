import { box, defineComponent, runComponent, z } from '@plexus/core';

export const Shout = defineComponent({
  name: 'Shout',
  description: 'Upper-cases each word.',
  inboxes: { in: box(z.string(), 'Words.') },
  outboxes: { out: box(z.string(), 'The same words, in capitals.') },
  async body({ inbox, outbox }) {
    for await (const word of inbox.in) await outbox.out.send(word.toUpperCase());
  },
});

const { out } = await runComponent(Shout, { in: ['hello', 'flow', 'world'] });
console.log(out.join(' '));
