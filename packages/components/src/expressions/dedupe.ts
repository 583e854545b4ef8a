import { box, defineComponent, z } from '@plexus/core';
import {
  attempt,
  compile,
  errorsBox,
  expression,
  onError,
  SKIPPED,
} from '../internal/expression.ts';
import { keyOf } from '../internal/order.ts';

/**
 * Drops repeated messages: ones whose key was seen recently, or (`mode: 'changed'`) ones
 * whose value has not changed since the last of their group (Node-RED's report-by-exception).
 *
 * `by` is a JSONata expression for a message's key (`id`, `payload.temp`); without it the
 * whole message is the key. Keys are compared as JSON, object keys in any order. With
 * `mode: 'seen'` (the default) a message is dropped when its key is among the last `size`
 * distinct keys seen (so memory stays bounded); with `mode: 'changed'` when its key equals the
 * previous key of its group, `per` (e.g. `topic`, so each sensor is watched on its own; without
 * it, one group). Dropped messages go to the optional `duplicates` outbox. An expression that
 * fails fails the component with `ERR_EXPRESSION`, or with `onError: 'skip'` goes to `errors`.
 *
 * @example
 * ```ts
 * import { Dedupe } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Dedupe, { in: [{ id: 1 }, { id: 2 }, { id: 1 }] }, {
 *   params: { by: 'id' },
 * });
 * // out: [{ id: 1 }, { id: 2 }]
 * ```
 */
export const Dedupe = defineComponent({
  name: 'Dedupe',
  description: 'Drops messages whose key was seen recently, or whose value has not changed.',
  inboxes: { in: box(z.any(), 'Messages; each is the input ($) of the expressions.') },
  outboxes: {
    out: box(z.any(), 'Messages not dropped, in order.'),
    duplicates: box(z.any(), 'The messages dropped.', { optional: true }),
    errors: errorsBox,
  },
  params: z.object({
    by: expression("JSONata key of a message, e.g. 'id'.")
      .optional()
      .describe("JSONata key of a message, e.g. 'id' (default: the whole message)."),
    mode: z
      .enum(['seen', 'changed'])
      .default('seen')
      .describe(
        "'seen': drop keys seen recently; 'changed': drop a key equal to its group's last.",
      ),
    per: expression("JSONata group of a message, e.g. 'topic'.")
      .optional()
      .describe(
        "With mode 'changed': JSONata group of a message, e.g. 'topic' (default: one group).",
      ),
    size: z
      .number()
      .int()
      .min(1)
      .default(10_000)
      .describe("With mode 'seen': how many distinct keys are remembered."),
    onError,
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Dedupe' };
    const by = params.by === undefined ? undefined : compile('by', params.by);
    const per = params.per === undefined ? undefined : compile('per', params.per);
    const remembered = new Map<string, string>();
    for await (const message of inbox.in) {
      const key =
        by === undefined ? message : await attempt(by, message, who, params.onError, outbox.errors);
      if (key === SKIPPED) continue;
      const group =
        per === undefined ? '' : await attempt(per, message, who, params.onError, outbox.errors);
      if (group === SKIPPED) continue;
      const k = keyOf(key);
      let repeat: boolean;
      if (params.mode === 'changed') {
        const g = keyOf(group);
        repeat = remembered.get(g) === k;
        remembered.delete(g);
        remembered.set(g, k);
      } else {
        repeat = remembered.has(k);
        remembered.delete(k);
        remembered.set(k, k);
      }
      // Forget the least recently seen beyond the bound.
      if (remembered.size > params.size) remembered.delete(remembered.keys().next().value!);
      await (repeat ? outbox.duplicates : outbox.out).send(message);
    }
  },
});
