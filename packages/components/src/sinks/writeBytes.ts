import { box, defineComponent, z } from '@plexus/core';
import { openOutput } from '../internal/output.ts';
import { chunk, outputPath } from '../internal/schemas.ts';

/**
 * Writes each chunk it receives (bytes, or text as UTF-8) to a file, and ends when its input
 * does.
 *
 * Chunks are written as they are, with nothing added between them. It writes what has
 * arrived and takes more only when that write has finished, so a slow disk holds back the
 * senders. The file is created, or truncated unless `append`; it is closed when the input ends
 * or on a stop. The path `-` writes to standard output. A file that cannot be opened or
 * written fails with `ERR_FILE_OPEN` or `ERR_FILE_WRITE`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { WriteBytes } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // Bytes as they are, text as UTF-8, nothing in between.
 * const path = join(tmpdir(), 'hello.txt');
 * const chunks = [new Uint8Array([104, 105]), ' thére\n'];
 * await runComponent(WriteBytes, { in: chunks }, { params: { path } });
 * const text = readFileSync(path, 'utf8');
 * // text: 'hi thére\n'
 * ```
 */
export const WriteBytes = defineComponent({
  name: 'WriteBytes',
  description: 'Writes each chunk it receives (bytes, or text as UTF-8) to a file (or stdout).',
  inboxes: { in: box(chunk, 'Chunks to write: bytes, or text (written as UTF-8).') },
  params: z.object({
    path: outputPath,
    append: z
      .boolean()
      .default(false)
      .describe('Add to the end of the file instead of replacing it.'),
  }),
  async body({ inbox, params, name, signal }) {
    const output = await openOutput(params.path, params.append, { name, type: 'WriteBytes' });
    const input = inbox.in;
    try {
      while (await input.wait()) {
        const first = input.recv();
        if (!input.dataReady()) {
          await output.write(first, signal);
          continue;
        }
        const parts: Uint8Array[] = [toBytes(first)];
        while (input.dataReady() && parts.length < 256) parts.push(toBytes(input.recv()));
        await output.write(Buffer.concat(parts), signal);
      }
    } finally {
      await output.close();
    }
  },
});

function toBytes(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
