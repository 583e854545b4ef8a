import { box, defineComponent, z } from '@plexus/core';
import { inputChunks } from '../internal/input.ts';
import { LineSplitter } from '../internal/lineSplitter.ts';
import { encoding, inputPath, maxLineLength } from '../internal/schemas.ts';

/**
 * Streams a text file line by line, reporting progress, then ends after the last line.
 *
 * The file is read in chunks, and the next chunk only once the lines of the previous one have
 * been taken, so a file of any size streams in bounded memory at the pace of its consumer.
 * Lines are sent without their terminator (`\n` or `\r\n`); a last line without one is sent
 * too, and an empty file sends nothing. Characters split across chunks are decoded whole.
 * Progress (bytes read of the file's size) goes to `ctx.progress`, which
 * `plexus run --stats` shows. The path `-` reads standard input (see also {@link Stdin}).
 * A file that cannot be opened or read fails with `ERR_FILE_OPEN` or `ERR_FILE_READ`, a line
 * longer than `maxLineLength` with `ERR_LINE_TOO_LONG`; a stop closes the file.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { ReadLines } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const path = join(tmpdir(), 'words.txt');
 * writeFileSync(path, 'flow\r\nbased\n\nprogramming');
 * const { out } = await runComponent(ReadLines, {}, { params: { path } });
 * // out: ['flow', 'based', '', 'programming']
 * ```
 */
export const ReadLines = defineComponent({
  name: 'ReadLines',
  description: 'Streams a text file (or stdin) line by line, reporting progress, then ends.',
  outboxes: { out: box(z.string(), 'The lines of the file, in order, without terminators.') },
  params: z.object({
    path: inputPath,
    encoding,
    maxLineLength,
    chunkSize: z.number().int().min(1).default(65_536).describe('Bytes read at a time.'),
  }),
  async body({ outbox, params, name, signal, progress }) {
    const who = { name, type: 'ReadLines' };
    const lines = new LineSplitter(params.encoding, params.maxLineLength, who);
    const out = outbox.out;
    for await (const chunk of inputChunks(params.path, params.chunkSize, who, signal, progress)) {
      for (const line of lines.push(chunk)) if (!out.trySend(line)) await out.send(line);
    }
    for (const line of lines.end()) await out.send(line);
  },
});
