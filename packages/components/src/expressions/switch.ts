import { box, defineComponent, z } from '@plexus/core';
import {
  attempt,
  type Compiled,
  checkExpression,
  compile,
  errorsBox,
  onError,
  SKIPPED,
  truthy,
} from '../internal/expression.ts';

const BOX_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED = ['in', 'otherwise', 'errors'];

const rule = z.object({
  when: z
    .string()
    .min(1)
    .superRefine(checkExpression)
    .describe('JSONata condition on the message ($).'),
  to: z
    .string()
    .regex(BOX_NAME, 'must be a box name: a letter or _ followed by letters, digits, _ or -')
    .refine((name) => !RESERVED.includes(name), {
      message: `names a box Switch already has (${RESERVED.join(', ')}); choose another name`,
    })
    .describe('The outbox for messages this rule takes.'),
});

/**
 * Routes each message to the outbox of the first rule whose JSONata condition holds.
 *
 * Each rule is `{ when, to }`: a condition on the message (`topic = "sensors/temp"`,
 * `payload > 100`, `$contains(topic, "alarm")`) and the name of an outbox, which the rule
 * creates — a Switch with rules to `temperature` and `humidity` has those two outboxes, and
 * several rules may share one. Rules are tried in order; a message goes to the first that
 * holds (with `all: true`, to every one that holds, once per outbox), else to `otherwise`,
 * which is optional (left unlinked, unmatched messages are dropped). Truth is JSONata's
 * (nothing, false, 0, "" and empty arrays are false). Messages keep their order. Conditions are
 * compiled once; a syntax error fails `plexus check` at its character, and an evaluation error
 * fails the component (`ERR_EXPRESSION`) or, with `onError: 'skip'`, goes to `errors`. In
 * code, link a rule's outbox by name (`'route.hot'`); for tests written in TypeScript, see
 * {@link chooser}.
 *
 * @example
 * ```ts
 * import { Switch } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const outputs = await runComponent(Switch, { in: [{ t: 31 }, { t: 12 }] }, {
 *   params: { rules: [{ when: 't > 30', to: 'hot' }] },
 * });
 * // outputs: { otherwise: [{ t: 12 }], errors: [], hot: [{ t: 31 }] }
 * ```
 */
export const Switch = defineComponent({
  name: 'Switch',
  description: 'Routes each message to the outbox of the first rule whose JSONata condition holds.',
  inboxes: { in: box(z.any(), 'Messages to route; each is the input ($) of the conditions.') },
  outboxes: {
    otherwise: box(z.any(), 'Messages no rule takes.', { optional: true }),
    errors: errorsBox,
  },
  params: z.object({
    rules: z
      .array(rule)
      .min(1)
      .describe(
        'Rules tried in order, each { when: condition, to: outbox }; each distinct `to` is an outbox.',
      ),
    all: z
      .boolean()
      .default(false)
      .describe('Send each message to every rule that holds, not just the first.'),
    onError,
  }),
  boxesFor: (params) => ({
    outboxes: Object.fromEntries(
      params.rules.map((r) => [r.to, box(z.any(), `Messages a rule to '${r.to}' takes.`)]),
    ),
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Switch' };
    const boxes = outbox as unknown as Record<string, { send(message: unknown): Promise<void> }>;
    const rules: { test: Compiled; to: string }[] = params.rules.map((r, i) => ({
      test: compile(`rules.${i}.when`, r.when),
      to: r.to,
    }));
    for await (const message of inbox.in) {
      const sent: string[] = [];
      let skipped = false;
      for (const { test, to } of rules) {
        if (sent.includes(to)) continue;
        const value = await attempt(test, message, who, params.onError, outbox.errors);
        if (value === SKIPPED) {
          skipped = true;
          break;
        }
        if (!truthy(value)) continue;
        await boxes[to]!.send(message);
        sent.push(to);
        if (!params.all) break;
      }
      if (!skipped && sent.length === 0) await outbox.otherwise.send(message);
    }
  },
});
