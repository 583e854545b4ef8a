import { box, defineComponent, z } from '@plexus/core';
import {
  attempt,
  compile,
  errorsBox,
  expression,
  onError,
  SKIPPED,
  truthy,
} from '../internal/expression.ts';

/**
 * Passes on the messages for which a JSONata expression is true; the rest go to `rejected`.
 *
 * The message is the expression's input (`$`): `payload.temp > 30`, `$contains(topic,
 * "alarm")`, `status in [500, 503]`. Truth is JSONata's: nothing (no match), `false`, `0`, `""`
 * and empty arrays and objects are false. Messages keep their order. `rejected` is optional:
 * left unlinked, those messages are dropped. The expression is compiled once (a syntax error
 * fails `plexus check` at its character); an evaluation error fails the component with
 * `ERR_EXPRESSION`, or with `onError: 'skip'` goes to `errors`. For a predicate written in
 * TypeScript, see {@link filter}.
 *
 * @example
 * ```ts
 * import { Filter } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out, rejected } = await runComponent(Filter, { in: [{ t: 31 }, { t: 12 }] }, {
 *   params: { expression: 't > 30' },
 * });
 * // out: [{ t: 31 }], rejected: [{ t: 12 }]
 * ```
 */
export const Filter = defineComponent({
  name: 'Filter',
  description: 'Passes on the messages for which a JSONata expression is true.',
  inboxes: { in: box(z.any(), 'Messages to test; each is the input ($) of the expression.') },
  outboxes: {
    out: box(z.any(), 'Messages for which the expression is true, in order.'),
    rejected: box(z.any(), 'Messages for which it is false.', { optional: true }),
    errors: errorsBox,
  },
  params: z.object({
    expression: expression("JSONata condition on the message ($), e.g. 'payload.temp > 30'."),
    onError,
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Filter' };
    const compiled = compile('expression', params.expression);
    for await (const message of inbox.in) {
      const value = await attempt(compiled, message, who, params.onError, outbox.errors);
      if (value === SKIPPED) continue;
      await (truthy(value) ? outbox.out : outbox.rejected).send(message);
    }
  },
});
