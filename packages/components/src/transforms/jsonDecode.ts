import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { asText } from '../internal/json.ts';
import { chunk } from '../internal/schemas.ts';

/**
 * Parses each message it receives as one JSON document and sends the value.
 *
 * Each message is a whole document (text, or UTF-8 bytes); surrounding whitespace is fine.
 * Text that is not valid JSON fails the component with `ERR_BAD_JSON`, naming the text —
 * unless `onError` is `'skip'`, which sends such text on the optional `invalid` outbox and
 * carries on. It ends when its input does. For a stream of newline-separated records cut at
 * arbitrary points, use {@link NdjsonDecode}.
 *
 * @example
 * ```ts
 * import { JsonDecode } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out, invalid } = await runComponent(
 *   JsonDecode,
 *   { in: ['{"a":1}', 'nope'] },
 *   { params: { onError: 'skip' } },
 * );
 * // out: [{ a: 1 }], invalid: ['nope']
 * ```
 */
export const JsonDecode = defineComponent({
  name: 'JsonDecode',
  description: 'Parses each message it receives as one JSON document and sends the value.',
  inboxes: { in: box(chunk, 'JSON texts (or UTF-8 bytes), one document per message.') },
  outboxes: {
    out: box(z.any(), 'The parsed values, in order.'),
    invalid: box(z.string(), "Texts that are not valid JSON (with onError: 'skip').", {
      optional: true,
    }),
  },
  params: z.object({
    onError: z
      .enum(['fail', 'skip'])
      .default('fail')
      .describe("Invalid JSON: 'fail' the component, or 'skip' it (sent to 'invalid')."),
  }),
  async body({ inbox, outbox, params, name }) {
    const input = inbox.in;
    const { out, invalid } = outbox;
    while (await input.wait()) {
      while (input.dataReady()) {
        const text = asText(input.recv());
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          if (params.onError === 'fail')
            throw Errors.badJson({ name, type: 'JsonDecode' }, 'in', text, error);
          await invalid.send(text);
          continue;
        }
        if (!out.trySend(value)) await out.send(value);
      }
    }
  },
});
