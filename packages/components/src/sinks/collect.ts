import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';

/**
 * Collects every message it receives and sends them as one array when its input ends.
 *
 * The array holds the messages in the order they were taken (per link in order; links
 * merged fairly). It is sent once, at end of stream — an empty array if nothing arrived — and
 * then the component ends. `max` bounds the memory it may hold: one message more fails the
 * component with `ERR_COLLECT_LIMIT`. On a stop nothing is sent. To collect into an array
 * your code holds, use {@link collectInto}.
 *
 * @example
 * ```ts
 * import { Collect } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Collect, { in: [1, 2, 3] });
 * // out: [[1, 2, 3]]
 * ```
 */
export const Collect = defineComponent({
  name: 'Collect',
  description: 'Collects every message it receives and sends them as one array at end of stream.',
  inboxes: { in: box(z.any(), 'Messages to collect.') },
  outboxes: { out: box(z.array(z.any()), 'All the messages, in order, once the input has ended.') },
  params: z.object({
    max: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Most messages to hold (more fails the component); default no limit.'),
  }),
  async body({ inbox, outbox, params, name }) {
    const all: unknown[] = [];
    const max = params.max ?? Number.POSITIVE_INFINITY;
    const input = inbox.in;
    while (await input.wait()) {
      while (input.dataReady()) {
        all.push(input.recv());
        if (all.length > max) throw Errors.collectLimit({ name, type: 'Collect' }, max);
      }
    }
    await outbox.out.send(all);
  },
});
