/** Components of the idle-priority scenarios: a few ticks, and a relay that merges streams. */
import { box, defineComponent, z } from '@plexus/core';

/** Sends `tick-0`, `tick-1`, … (`count` of them). */
export const Ticks = defineComponent({
  name: 'Ticks',
  description: 'Sends `count` ticks, as fast as it may.',
  outboxes: { out: box(z.string(), 'tick-0, tick-1, …') },
  params: z.object({ count: z.number().int() }),
  async body({ outbox, params }) {
    for (let i = 0; i < params.count; i++) await outbox.out.send(`tick-${i}`);
  },
});

/** Passes on whatever it receives, in the order it arrives (a merge of its links). */
export const Relay = defineComponent({
  name: 'Relay',
  description: 'Passes every message on, in arrival order.',
  inboxes: { in: box(z.unknown(), 'Anything.') },
  outboxes: { out: box(z.unknown(), 'The same, in arrival order.') },
  async body({ inbox, outbox }) {
    for await (const message of inbox.in) await outbox.out.send(message);
  },
});
