import { box, defineComponent, z } from '@plexus/core';
import { encodeJson } from '../internal/json.ts';

/**
 * Sends each message it receives as a JSON text.
 *
 * One JSON document per message, compact unless `indent` is set. Data JSON cannot carry fails
 * the component with `ERR_NOT_JSON` instead of being silently changed: a Map or Set (JSON
 * would write `{}`), binary data, a BigInt, a function, `undefined`, or a cycle. Dates become
 * ISO strings, as `JSON.stringify` makes them. It ends when its input does. For a stream of
 * newline-terminated records, use {@link NdjsonEncode}.
 *
 * @example
 * ```ts
 * import { JsonEncode } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(JsonEncode, { in: [{ a: 1 }, [true, null]] });
 * // out: ['{"a":1}', '[true,null]']
 * ```
 */
export const JsonEncode = defineComponent({
  name: 'JsonEncode',
  description: 'Sends each message it receives as a JSON text.',
  inboxes: { in: box(z.any(), 'Plain data: objects, arrays, strings, numbers, booleans, null.') },
  outboxes: { out: box(z.string(), 'One JSON text per message, in order.') },
  params: z.object({
    indent: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(0)
      .describe('Spaces of indentation (0: compact, on one line).'),
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'JsonEncode' };
    const input = inbox.in;
    const output = outbox.out;
    while (await input.wait()) {
      while (input.dataReady()) {
        const text = encodeJson(input.recv(), params.indent, who, 'in');
        if (!output.trySend(text)) await output.send(text);
      }
    }
  },
});
