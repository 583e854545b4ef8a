import { box, defineComponent, z } from '@plexus/core';

/**
 * Sends each item of its `items` param, in order, then ends.
 *
 * The items are part of the params, so they must be plain data (a graph file can list them).
 * It sends at the pace its link allows: a full link makes it wait. An empty list ends at once.
 * For an iterable or generator built in code, use {@link fromIterable}.
 *
 * @example
 * ```ts
 * import { FromItems } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(FromItems, {}, {
 *   params: { items: ['flow', 'based'], repeat: 2 },
 * });
 * // out: ['flow', 'based', 'flow', 'based']
 * ```
 */
export const FromItems = defineComponent({
  name: 'FromItems',
  description: 'Sends each item of its items param, in order, then ends.',
  outboxes: { out: box(z.any(), 'The items, in order.') },
  params: z.object({
    items: z.array(z.any()).describe('The items to send (plain data).'),
    repeat: z.number().int().min(1).default(1).describe('How many times to send the whole list.'),
  }),
  async body({ outbox, params }) {
    const out = outbox.out;
    for (let round = 0; round < params.repeat; round++) {
      for (const item of params.items) if (!out.trySend(item)) await out.send(item);
    }
  },
});
