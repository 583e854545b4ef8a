import { box, defineComponent, z } from '@plexus/core';
import {
  attempt,
  compile,
  errorsBox,
  expression,
  onError,
  SKIPPED,
} from '../internal/expression.ts';
import { expressionSchema } from '../internal/expressionType.ts';

const OUT = "The expression's value for each message, in order (nothing when it matches nothing).";

/**
 * Sends the value of a JSONata expression for each message it receives.
 *
 * The message is the expression's input (`$`): `payload.temp * 9 / 5 + 32`, `{ "id": id,
 * "total": $sum(items.price) }`, `$uppercase(name)`. The expression is compiled once, when the
 * component is added (a syntax error fails `plexus check` at its character); results are sent
 * in input order, and an expression that matches nothing (a missing field) sends nothing for
 * that message. Where the expression says what it makes — a string (`&`, `$string()`), a
 * number (arithmetic, `$sum()`), a boolean (a comparison), an object (`{…}`) or an array
 * (`[…]`) — the outbox `out` has that type, so linking it to an inbox of another type fails the
 * check; otherwise it is `unknown`. An evaluation error fails the component with
 * `ERR_EXPRESSION` naming the message, or with `onError: 'skip'` sends the message and the
 * error on `errors` and carries on. For functions written in TypeScript, see {@link map}.
 *
 * @example
 * ```ts
 * import { Map } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Map, { in: [{ c: 20 }, { c: 30 }] }, {
 *   params: { expression: 'c * 9 / 5 + 32' },
 * });
 * // out: [68, 86]
 * ```
 */
const MapExpression = defineComponent({
  name: 'Map',
  description: 'Sends the value of a JSONata expression for each message it receives.',
  inboxes: { in: box(z.any(), 'Messages; each is the input ($) of the expression.') },
  outboxes: { out: box(z.unknown(), OUT), errors: errorsBox },
  params: z.object({
    expression: expression(
      "JSONata expression of the message ($), e.g. 'payload.temp * 9 / 5 + 32'.",
    ),
    onError,
  }),
  boxesFor: (params) => ({ outboxes: { out: box(expressionSchema(params.expression), OUT) } }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Map' };
    const compiled = compile('expression', params.expression);
    for await (const message of inbox.in) {
      const value = await attempt(compiled, message, who, params.onError, outbox.errors);
      if (value !== undefined && value !== SKIPPED) await outbox.out.send(value);
    }
  },
});

// Named Map where it is used (`@plexus/components#Map`); not here, where it would hide the global.
export { MapExpression as Map };
