import { box, defineComponent, z } from '@plexus/core';
import { LineSplitter } from '../internal/lineSplitter.ts';
import { chunk, encoding, maxLineLength } from '../internal/schemas.ts';

/**
 * Splits a stream of text or bytes, cut at any point, into lines.
 *
 * Chunks may split lines, and bytes may split characters, anywhere: it decodes with
 * `encoding` and keeps the unfinished end until the rest arrives. Lines are sent without their
 * terminator (`\n` or `\r\n`); at end of input, a last line without a terminator is sent too,
 * then it ends. Empty lines are sent unless `skipEmpty`. A line longer than `maxLineLength`
 * fails the component with `ERR_LINE_TOO_LONG`, so one endless line cannot fill memory.
 *
 * @example
 * ```ts
 * import { SplitLines } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(SplitLines, { in: ['one\ntw', 'o\r\nthree'] });
 * // out: ['one', 'two', 'three']
 * ```
 */
export const SplitLines = defineComponent({
  name: 'SplitLines',
  description: 'Splits a stream of text or bytes, cut at any point, into lines.',
  inboxes: { in: box(chunk, 'Text or bytes, in chunks of any size.') },
  outboxes: { out: box(z.string(), 'The lines, in order, without terminators.') },
  params: z.object({
    encoding,
    maxLineLength,
    skipEmpty: z.boolean().default(false).describe('Drop empty lines.'),
  }),
  async body({ inbox, outbox, params, name }) {
    const lines = new LineSplitter(params.encoding, params.maxLineLength, {
      name,
      type: 'SplitLines',
    });
    const out = outbox.out;
    const send = async (batch: string[]) => {
      for (const line of batch) {
        if (params.skipEmpty && line === '') continue;
        if (!out.trySend(line)) await out.send(line);
      }
    };
    const input = inbox.in;
    while (await input.wait()) while (input.dataReady()) await send(lines.push(input.recv()));
    await send(lines.end());
  },
});
