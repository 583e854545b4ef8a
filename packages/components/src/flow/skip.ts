import { box, defineComponent, z } from '@plexus/core';
import { compile, evaluate, expression, truthy } from '../internal/expression.ts';

/**
 * Drops the first `count` messages, or messages while a JSONata condition holds, and passes
 * on the rest.
 *
 * With `count` the first that many are dropped; with `while` (e.g. `payload.warmingUp`)
 * messages are dropped until the first for which the condition does not hold, and from then
 * on everything passes (the condition is not evaluated again); with both, a message is
 * dropped while either still applies. It ends when its input does. A condition that fails on
 * a message fails the component with `ERR_EXPRESSION`.
 *
 * @example
 * ```ts
 * import { Skip } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Skip, { in: [1, 2, 3, 4] }, { params: { count: 2 } });
 * // out: [3, 4]
 * ```
 */
export const Skip = defineComponent({
  name: 'Skip',
  description:
    'Drops the first count messages, or messages while a condition holds, then passes the rest.',
  inboxes: { in: box(z.any(), 'Messages.') },
  outboxes: { out: box(z.any(), 'The messages after those skipped, in order.') },
  params: z
    .object({
      count: z.number().int().min(0).optional().describe('How many messages to drop first.'),
      while: expression("JSONata condition on the message, e.g. 'payload.warmingUp'.")
        .optional()
        .describe("Drop messages while this JSONata condition holds, e.g. 'payload.warmingUp'."),
    })
    .refine((p) => p.count !== undefined || p.while !== undefined, {
      message: "needs 'count' or 'while' (or both)",
      path: ['count'],
    }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Skip' };
    let condition = params.while === undefined ? undefined : compile('while', params.while);
    let left = params.count ?? 0;
    for await (const message of inbox.in) {
      let drop = false;
      if (left > 0) {
        left--;
        drop = true;
      }
      if (condition !== undefined) {
        if (truthy(await evaluate(condition, message, who))) drop = true;
        else condition = undefined;
      }
      if (!drop) await outbox.out.send(message);
    }
  },
});
