import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { LineSplitter } from '../internal/lineSplitter.ts';
import { chunk, encoding, maxLineLength } from '../internal/schemas.ts';

/**
 * Parses a stream of NDJSON — text or bytes cut at any point — into one value per line.
 *
 * Chunks may split lines and characters anywhere; lines end in `\n` or `\r\n`, and blank
 * lines are skipped. A line that is not valid JSON fails the component with `ERR_BAD_JSON`,
 * naming its line number — unless `onError` is `'skip'`, which sends the line on the optional
 * `invalid` outbox and carries on. A line longer than `maxLineLength` fails with
 * `ERR_LINE_TOO_LONG`. At end of input a last line without a newline is parsed too, then it
 * ends.
 *
 * @example
 * ```ts
 * import { NdjsonDecode } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // Chunks as a file or socket delivers them: cut mid-line, with a blank line.
 * const { out } = await runComponent(NdjsonDecode, { in: ['{"id":1}\n{"i', 'd":2}\n\n'] });
 * // out: [{ id: 1 }, { id: 2 }]
 * ```
 */
export const NdjsonDecode = defineComponent({
  name: 'NdjsonDecode',
  description:
    'Parses a stream of NDJSON text or bytes, cut at any point, into one value per line.',
  inboxes: { in: box(chunk, 'NDJSON as text or bytes, in chunks of any size.') },
  outboxes: {
    out: box(z.any(), 'One parsed value per non-blank line, in order.'),
    invalid: box(z.string(), "Lines that are not valid JSON (with onError: 'skip').", {
      optional: true,
    }),
  },
  params: z.object({
    onError: z
      .enum(['fail', 'skip'])
      .default('fail')
      .describe("A line that is not JSON: 'fail' the component, or 'skip' it (sent to 'invalid')."),
    encoding,
    maxLineLength,
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'NdjsonDecode' };
    const lines = new LineSplitter(params.encoding, params.maxLineLength, who);
    const { out, invalid } = outbox;
    let number = 0;
    const decode = async (batch: string[]) => {
      for (const line of batch) {
        number++;
        if (line.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          if (params.onError === 'fail')
            throw Errors.badJson(who, 'in', line, error, ` on line ${number}`);
          await invalid.send(line);
          continue;
        }
        if (!out.trySend(value)) await out.send(value);
      }
    };
    const input = inbox.in;
    while (await input.wait()) while (input.dataReady()) await decode(lines.push(input.recv()));
    await decode(lines.end());
  },
});
