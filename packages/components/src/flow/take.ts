import { box, defineComponent, z } from '@plexus/core';
import { compile, evaluate, expression, truthy } from '../internal/expression.ts';

/**
 * Passes on the first `count` messages, or messages while a JSONata condition holds, then
 * ends.
 *
 * With `count` it ends after that many (0: at once); with `while` (e.g. `payload < 100`) it
 * ends at the first message for which the condition does not hold, without sending it; with
 * both, at whichever comes first. Ending early is the flow-based broken pipe: the link into it
 * closes, so its sender sees that nobody listens and stops too — `Ticker → Take` completes
 * although the ticker would run forever. A condition that fails on a message fails the
 * component with `ERR_EXPRESSION`.
 *
 * @example
 * ```ts
 * import { Take } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Take, { in: [1, 2, 3, 4] }, { params: { count: 2 } });
 * // out: [1, 2]
 * ```
 */
export const Take = defineComponent({
  name: 'Take',
  description:
    'Passes on the first count messages, or messages while a condition holds, then ends.',
  inboxes: { in: box(z.any(), 'Messages.') },
  outboxes: { out: box(z.any(), 'The messages taken, in order.') },
  params: z
    .object({
      count: z.number().int().min(0).optional().describe('How many messages to pass on.'),
      while: expression("JSONata condition on the message, e.g. 'payload < 100'.")
        .optional()
        .describe("Pass messages on while this JSONata condition holds, e.g. 'payload < 100'."),
    })
    .refine((p) => p.count !== undefined || p.while !== undefined, {
      message: "needs 'count' or 'while' (or both)",
      path: ['count'],
    }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Take' };
    const condition = params.while === undefined ? undefined : compile('while', params.while);
    const count = params.count ?? Number.POSITIVE_INFINITY;
    let taken = 0;
    if (count === 0) return;
    for await (const message of inbox.in) {
      if (condition !== undefined && !truthy(await evaluate(condition, message, who))) return;
      await outbox.out.send(message);
      if (++taken >= count) return;
    }
  },
});
