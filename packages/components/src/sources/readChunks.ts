import { box, defineComponent, z } from '@plexus/core';
import { inputChunks } from '../internal/input.ts';
import { bytes, inputPath } from '../internal/schemas.ts';

/**
 * Streams a file as byte chunks, reporting progress, then ends.
 *
 * It reads one chunk at a time and reads the next only once the previous one was taken, so a
 * file of any size streams in bounded memory, at the pace of the slowest consumer. Each chunk
 * is a fresh `Uint8Array` of at most `chunkSize` bytes (the last may be shorter; an empty
 * file sends none) and, with `transfer` (the default), is moved rather than copied to another
 * thread. Progress (bytes read of the file's size) goes to `ctx.progress`, which
 * `plexus run --stats` shows. The path `-` reads standard input. A file that cannot be opened
 * or read fails the component with `ERR_FILE_OPEN` or `ERR_FILE_READ`; a stop closes the file.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { ReadChunks } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const path = join(tmpdir(), 'ten.bin');
 * writeFileSync(path, new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
 * const { out } = await runComponent(ReadChunks, {}, { params: { path, chunkSize: 4 } });
 * const chunks = out.map((chunk) => [...chunk]);
 * // chunks: [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
 * ```
 */
export const ReadChunks = defineComponent({
  name: 'ReadChunks',
  description: 'Streams a file (or stdin) as byte chunks, reporting progress, then ends.',
  outboxes: { out: box(bytes, 'The bytes of the file, in order, in chunks.') },
  params: z.object({
    path: inputPath,
    chunkSize: z
      .number()
      .int()
      .min(1)
      .max(2 ** 30)
      .default(65_536)
      .describe('Bytes per chunk (the last chunk may be shorter).'),
    transfer: z
      .boolean()
      .default(true)
      .describe('Move each chunk to its receiver instead of copying it across threads.'),
  }),
  async body({ outbox, params, name, signal, progress }) {
    const who = { name, type: 'ReadChunks' };
    const out = outbox.out;
    for await (const chunk of inputChunks(params.path, params.chunkSize, who, signal, progress)) {
      if (params.transfer) await out.send(chunk, { transfer: [chunk.buffer] });
      else await out.send(chunk);
    }
  },
});
