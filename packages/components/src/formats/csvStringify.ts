import { box, defineComponent, z } from '@plexus/core';
import { stringify } from 'csv-stringify/sync';

/**
 * Writes records as CSV text (csv-stringify): one line of text per record, a header line
 * first.
 *
 * Records are objects (fields by `columns`, or by the keys of the first record) or arrays.
 * Each goes out as soon as it arrives, as one string ending in a line break — ready for
 * WriteBytes, or for a socket — so a stream of any length is written in bounded memory.
 * With `header: true` (the default, for objects) the column names go out first. Fields that
 * hold the delimiter, quotes or line breaks are quoted; values that are not strings are
 * written as text (objects as JSON).
 *
 * @example
 * ```ts
 * import { CsvStringify } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(CsvStringify, { in: [{ id: 1, note: 'a, b' }] });
 * // out: ['id,note\n', '1,"a, b"\n']
 * ```
 */
export const CsvStringify = defineComponent({
  name: 'CsvStringify',
  description: 'Writes records as CSV text, one line per record, a header line first.',
  inboxes: {
    in: box(
      z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
      'Records: objects or arrays of fields.',
    ),
  },
  outboxes: { out: box(z.string(), 'CSV text: the header line, then a line per record.') },
  params: z.object({
    columns: z
      .array(z.string())
      .optional()
      .describe("The columns, in order (default: the first record's keys)."),
    header: z.boolean().default(true).describe('Send the column names first.'),
    delimiter: z.string().min(1).default(',').describe('Field delimiter.'),
  }),
  async body({ inbox, outbox, params }) {
    let columns = params.columns;
    let first = true;
    for await (const record of inbox.in) {
      if (columns === undefined && !Array.isArray(record)) columns = Object.keys(record);
      const options = {
        delimiter: params.delimiter,
        cast: {
          object: (value: object) => JSON.stringify(value),
          boolean: (value: boolean) => String(value),
        },
        ...(columns === undefined ? {} : { columns }),
      };
      if (first && params.header && columns !== undefined)
        await outbox.out.send(stringify([columns], { delimiter: params.delimiter }));
      first = false;
      await outbox.out.send(stringify([record as never], options));
    }
  },
});
