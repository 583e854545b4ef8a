import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { compile, evaluate, expression } from '../internal/expression.ts';
import { compareKeys } from '../internal/order.ts';

/**
 * Sorts each array message by a JSONata key — or, with `of: 'stream'`, the whole stream,
 * sent sorted at its end.
 *
 * `by` is a JSONata expression of an item (`payload.temp`, `name`, `-price` for descending by
 * price); without it items are compared as they are. Numbers sort numerically, strings by
 * code point, values of different kinds by kind (numbers, strings, booleans, then the rest), and
 * items without a key last; equal keys keep their order (the sort is stable). `order: 'desc'`
 * reverses it. With `of: 'message'` (the default) each message must be an array, and is sent
 * sorted (anything else fails with `ERR_MESSAGE_SHAPE`); with `of: 'stream'` every message is
 * held until the input ends — at most `max`, beyond which it fails with `ERR_COLLECT_LIMIT` —
 * then sent in order. A key expression that fails fails the component with `ERR_EXPRESSION`.
 *
 * @example
 * ```ts
 * import { Sort } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Sort, { in: [[{ n: 'b', t: 3 }, { n: 'a', t: 1 }]] }, {
 *   params: { by: 't' },
 * });
 * // out: [[{ n: 'a', t: 1 }, { n: 'b', t: 3 }]]
 * ```
 */
export const Sort = defineComponent({
  name: 'Sort',
  description: 'Sorts each array message by a JSONata key, or the whole stream at its end.',
  inboxes: { in: box(z.any(), "Arrays to sort (or, with of: 'stream', the items themselves).") },
  outboxes: {
    out: box(z.any(), "Each array sorted (or, with of: 'stream', the items in order)."),
  },
  params: z.object({
    by: expression("JSONata key of an item ($), e.g. 'payload.temp'.")
      .optional()
      .describe("JSONata key of an item ($), e.g. 'payload.temp' (default: the item itself)."),
    order: z.enum(['asc', 'desc']).default('asc').describe("'asc' (smallest first) or 'desc'."),
    of: z
      .enum(['message', 'stream'])
      .default('message')
      .describe("'message': sort each array message; 'stream': sort all messages at the end."),
    max: z
      .number()
      .int()
      .min(1)
      .default(100_000)
      .describe("With of: 'stream', most messages held (more fails the component)."),
  }),
  boxesFor: (params) =>
    params.of === 'message'
      ? { outboxes: { out: box(z.array(z.any()), 'Each array, sorted.') } }
      : {},
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Sort' };
    const by = params.by === undefined ? undefined : compile('by', params.by);
    const sign = params.order === 'desc' ? -1 : 1;
    const sorted = async (items: readonly unknown[]) => {
      const keyed: { item: unknown; key: unknown }[] = [];
      for (const item of items)
        keyed.push({ item, key: by === undefined ? item : await evaluate(by, item, who) });
      keyed.sort((a, b) =>
        a.key === undefined || b.key === undefined
          ? compareKeys(a.key, b.key)
          : sign * compareKeys(a.key, b.key),
      );
      return keyed.map((k) => k.item);
    };
    if (params.of === 'message') {
      for await (const message of inbox.in) {
        if (!Array.isArray(message))
          throw Errors.messageShape(
            who,
            message,
            'which is not an array',
            "Send arrays (Batch or Window make them), or set of: 'stream' to sort the messages themselves.",
          );
        await outbox.out.send(await sorted(message));
      }
      return;
    }
    const all: unknown[] = [];
    for await (const message of inbox.in) {
      if (all.length >= params.max) throw Errors.collectLimit(who, params.max);
      all.push(message);
    }
    for (const item of await sorted(all)) await outbox.out.send(item);
  },
});
