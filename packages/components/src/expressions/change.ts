import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import {
  attempt,
  type Compiled,
  checkExpression,
  compile,
  errorsBox,
  onError,
  SKIPPED,
} from '../internal/expression.ts';
import { deletePath, dotPath, getPath, hasPath, setPath } from '../internal/paths.ts';

const rule = z.union([
  z
    .object({
      set: dotPath('The field to set.'),
      value: z.unknown().describe('The value to set it to.'),
    })
    .strict(),
  z
    .object({
      set: dotPath('The field to set.'),
      expression: z
        .string()
        .min(1)
        .superRefine(checkExpression)
        .describe('JSONata expression of the message ($) whose value it is set to.'),
    })
    .strict(),
  z.object({ move: dotPath('The field to move.'), to: dotPath('Where to move it.') }).strict(),
  z.object({ delete: dotPath('The field to delete.') }).strict(),
]);

type Rule = z.output<typeof rule>;

/**
 * Sets, moves and deletes fields of each message, by rules applied in order (Node-RED's
 * change node).
 *
 * Rules: `{ set: 'payload.unit', value: 'C' }` sets a field to a value;
 * `{ set: 'payload.f', expression: 'payload.c * 9 / 5 + 32' }` to the value of a JSONata
 * expression of the message (as the earlier rules left it; nothing when it matches nothing
 * deletes the field); `{ move: 'payload', to: 'reading' }` moves a field (nothing happens when
 * it is absent); `{ delete: 'topic' }` deletes one. Paths are dot paths, with numbers for
 * array items (`items.0.name`); setting creates the objects a path needs. The message is
 * never changed in place: each rule copies what it changes and shares the rest. A message
 * that is not an object fails the component with `ERR_MESSAGE_SHAPE`; an expression that
 * fails, with `ERR_EXPRESSION` (or with `onError: 'skip'`, the message goes to `errors`).
 *
 * @example
 * ```ts
 * import { Change } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Change, { in: [{ topic: 'a/t', payload: 21 }] }, {
 *   params: {
 *     rules: [
 *       { move: 'payload', to: 'celsius' },
 *       { set: 'unit', value: 'C' },
 *       { delete: 'topic' },
 *     ],
 *   },
 * });
 * // out: [{ celsius: 21, unit: 'C' }]
 * ```
 */
export const Change = defineComponent({
  name: 'Change',
  description: 'Sets, moves and deletes fields of each message, by rules applied in order.',
  inboxes: { in: box(z.any(), 'Messages (objects) to change.') },
  outboxes: {
    out: box(z.any(), 'The changed messages, in order.'),
    errors: errorsBox,
  },
  params: z.object({
    rules: z
      .array(rule)
      .min(1)
      .describe(
        'In order: { set, value } or { set, expression }, { move, to }, { delete }; fields as dot paths.',
      ),
    onError,
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Change' };
    const rules = params.rules.map((r, i) =>
      'expression' in r ? { ...r, compiled: compile(`rules.${i}.expression`, r.expression) } : r,
    ) as (Rule & { compiled?: Compiled })[];
    for await (const message of inbox.in) {
      let changed: unknown = message;
      let skipped = false;
      for (const r of rules) {
        if ('delete' in r) changed = deletePath(changed, r.delete);
        else if ('move' in r) {
          if (!hasPath(changed, r.move)) continue;
          const value = getPath(changed, r.move);
          changed = setPath(deletePath(changed, r.move), r.to, value);
        } else {
          let value: unknown = 'value' in r ? r.value : undefined;
          if (r.compiled !== undefined) {
            value = await attempt(r.compiled, changed, who, params.onError, outbox.errors);
            if (value === SKIPPED) {
              skipped = true;
              break;
            }
          }
          changed =
            value === undefined ? deletePath(changed, r.set) : setPath(changed, r.set, value);
        }
        if (changed === undefined)
          throw Errors.messageShape(
            who,
            message,
            `which has no object where rule ${rules.indexOf(r) + 1} changes a field`,
            'Change works on objects: send objects, or wrap other values first (e.g. with a Map to { "payload": $ }).',
          );
      }
      if (!skipped) await outbox.out.send(changed);
    }
  },
});
