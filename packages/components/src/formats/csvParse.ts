import { box, defineComponent, z } from '@plexus/core';
import { type Parser, parse } from 'csv-parse';
import { Errors } from '../errors.ts';
import { chunk } from '../internal/schemas.ts';

/**
 * Parses CSV text, arriving in chunks of any size, into records (csv-parse): objects keyed by
 * the header line, or arrays of fields.
 *
 * Chunks (text or bytes, as ReadChunks or a socket sends them) may split a line or a quoted
 * field anywhere: the parser streams, holding only the record in progress, and records go out
 * as soon as they are complete, so a file of any size parses in bounded memory at its
 * consumer's pace. With `columns: true` (the default) the first line names the fields and each
 * record is an object; with `false` each is an array of strings. Quoted fields may hold
 * delimiters, quotes (doubled) and line breaks. `cast: true` turns numbers and booleans into
 * numbers and booleans. Input that is not valid CSV (an unclosed quote, a record with the wrong
 * number of fields) fails with `ERR_BAD_FORMAT`, naming its line.
 *
 * @example
 * ```ts
 * import { CsvParse } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(CsvParse, { in: ['id,temp\n1,2', '1.5\n2,19\n'] }, {
 *   params: { cast: true },
 * });
 * // out: [{ id: 1, temp: 21.5 }, { id: 2, temp: 19 }]
 * ```
 */
export const CsvParse = defineComponent({
  name: 'CsvParse',
  description: 'Parses CSV text, in chunks of any size, into records.',
  inboxes: { in: box(chunk, 'CSV text or bytes, in chunks of any size.') },
  outboxes: {
    out: box(
      z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
      'Records, in order: objects by column (columns: true) or arrays of fields.',
    ),
  },
  params: z.object({
    columns: z
      .boolean()
      .default(true)
      .describe('The first line names the columns: records are objects.'),
    delimiter: z.string().min(1).default(',').describe("Field delimiter, e.g. ';' or '\\t'."),
    cast: z
      .boolean()
      .default(false)
      .describe('Turn numbers and booleans into numbers and booleans.'),
    trim: z.boolean().default(false).describe('Trim whitespace around fields.'),
    skipEmptyLines: z.boolean().default(true).describe('Skip empty lines.'),
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'CsvParse' };
    const parser: Parser = parse({
      columns: params.columns,
      delimiter: params.delimiter,
      cast: params.cast,
      trim: params.trim,
      skip_empty_lines: params.skipEmptyLines,
    });
    let failure: unknown;
    parser.on('error', (error) => {
      failure ??= error;
    });
    const flush = async () => {
      for (let record = parser.read(); record !== null; record = parser.read())
        await outbox.out.send(record);
      if (failure !== undefined) {
        const e = failure as Error & { lines?: number };
        throw Errors.badFormat(
          who,
          'CSV',
          e.message.replace(/^Invalid [^:]*: /, ''),
          e.lines === undefined ? '' : ` at line ${e.lines}`,
          'Fix the input, or adjust the delimiter, columns and trim params.',
        );
      }
    };
    for await (const data of inbox.in) {
      parser.write(data);
      await flush();
    }
    await new Promise<void>((resolve) => parser.end(resolve));
    await flush();
  },
});
