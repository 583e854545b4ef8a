/**
 * Components for the tagged-handler scenarios: a counter defined by a table of handlers (state
 * kept between messages, sync and async handlers), and a source of tagged messages for it.
 */
import { box, defineComponent, defineHandlers, tagged, z } from '@plexus/core';

const tags = { add: { n: z.number() }, double: {}, report: { label: z.string() } };

/** Adds numbers up, doubles the total on `double`, reports `label=total` on `report`. */
export const Tally = defineHandlers({
  name: 'Tally',
  description: 'A running total: add n, double it, report it.',
  tags,
  outboxes: { out: box(z.string(), 'Reports: `label=total`.') },
  params: z.object({ start: z.number().default(0) }),
  init: (params) => ({ total: params.start }),
  handlers: {
    add: (state, { n }) => ({ total: state.total + n }),
    double: (state) => {
      state.total *= 2;
    },
    report: async (state, { label }, { outbox }) => {
      await outbox.out.send(`${label}=${state.total}`);
    },
  },
});

/** Sends the given tagged messages (any tag, for the unknown-tag case), in order. */
export const Script = defineComponent({
  name: 'Script',
  description: 'Sends each of `messages`, in order.',
  outboxes: { out: box(tagged(tags), 'Messages for a Tally.') },
  params: z.object({ messages: z.array(z.looseObject({ tag: z.string() })) }),
  async body({ outbox, params }) {
    for (const message of params.messages) await outbox.out.send(message as never);
  },
});
