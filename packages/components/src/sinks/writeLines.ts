import { box, defineComponent, z } from '@plexus/core';
import { openOutput } from '../internal/output.ts';
import { encoding, outputPath } from '../internal/schemas.ts';

/** Characters gathered before a write is issued. */
const BATCH_CHARS = 65_536;

/**
 * Writes each line it receives to a file, with a newline after each, and ends when its
 * input does.
 *
 * It drains what has arrived, writes it in one call, and takes more only when that write has
 * finished, so a slow disk holds back the senders instead of filling memory. The file is
 * created, or truncated unless `append`; it is closed when the input ends or on a stop, and
 * holds every line received by then. The path `-` writes to standard output. A file that
 * cannot be opened or written fails with `ERR_FILE_OPEN` or `ERR_FILE_WRITE`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { WriteLines } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const path = join(tmpdir(), 'out.txt');
 * await runComponent(WriteLines, { in: ['flow', 'based'] }, { params: { path } });
 * const text = readFileSync(path, 'utf8');
 * // text: 'flow\nbased\n'
 * ```
 */
export const WriteLines = defineComponent({
  name: 'WriteLines',
  description: 'Writes each line it receives to a file (or stdout), each followed by a newline.',
  inboxes: { in: box(z.string(), 'Lines to write, without terminators.') },
  params: z.object({
    path: outputPath,
    append: z
      .boolean()
      .default(false)
      .describe('Add to the end of the file instead of replacing it.'),
    encoding,
    newline: z.enum(['\n', '\r\n']).default('\n').describe('The line terminator written.'),
  }),
  async body({ inbox, params, name, signal }) {
    const output = await openOutput(params.path, params.append, { name, type: 'WriteLines' });
    const encoder = params.encoding === 'utf8' ? undefined : encoderFor(params.encoding);
    const input = inbox.in;
    try {
      while (await input.wait()) {
        let text = '';
        while (input.dataReady() && text.length < BATCH_CHARS)
          text += input.recv() + params.newline;
        await output.write(encoder === undefined ? text : encoder(text), signal);
      }
    } finally {
      await output.close();
    }
  },
});

/** Encode text in one of the encodings Node's Buffer knows. */
function encoderFor(encoding: 'utf-16le' | 'latin1'): (text: string) => Uint8Array {
  const name = encoding === 'utf-16le' ? 'utf16le' : 'latin1';
  return (text) => Buffer.from(text, name);
}
