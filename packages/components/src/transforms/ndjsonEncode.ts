import { box, defineComponent, z } from '@plexus/core';
import { encodeJson } from '../internal/json.ts';

/**
 * Sends each message it receives as one line of NDJSON: compact JSON and a newline.
 *
 * Each output is a text chunk ending in `\n`, ready to be written as it is — to a file
 * (WriteBytes), a socket or a pipe — and read back by {@link NdjsonDecode}. Data JSON cannot
 * carry fails the component with `ERR_NOT_JSON` instead of being silently changed (Map, Set,
 * binary data, BigInt, functions, `undefined`, cycles). It ends when its input does.
 *
 * @example
 * ```ts
 * import { NdjsonEncode } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(NdjsonEncode, { in: [{ id: 1 }, { id: 2 }] });
 * // out: ['{"id":1}\n', '{"id":2}\n']
 * ```
 */
export const NdjsonEncode = defineComponent({
  name: 'NdjsonEncode',
  description: 'Sends each message it receives as one line of NDJSON (JSON and a newline).',
  inboxes: { in: box(z.any(), 'Records: plain data.') },
  outboxes: { out: box(z.string(), 'One line of JSON per record, each ending in a newline.') },
  async body({ inbox, outbox, name }) {
    const who = { name, type: 'NdjsonEncode' };
    const input = inbox.in;
    const output = outbox.out;
    while (await input.wait()) {
      while (input.dataReady()) {
        const line = `${encodeJson(input.recv(), 0, who, 'in')}\n`;
        if (!output.trySend(line)) await output.send(line);
      }
    }
  },
});
