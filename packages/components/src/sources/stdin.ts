import { box, defineComponent, z } from '@plexus/core';
import { streamChunks } from '../internal/input.ts';
import { LineSplitter } from '../internal/lineSplitter.ts';
import { encoding, maxLineLength } from '../internal/schemas.ts';

/**
 * Reads standard input line by line, and ends when it closes.
 *
 * Kamaelia's ConsoleReader. Input is read only as fast as the lines are taken, so a slow
 * graph holds back whatever writes to the pipe. Lines are sent without their terminator; a
 * last line without one is sent too. On a stop, or when nothing downstream listens any more,
 * it stops reading and no longer keeps the process alive (standard input is paused, not
 * closed, so it can be read again). A line longer than `maxLineLength` fails with
 * `ERR_LINE_TOO_LONG`. For bytes, use `ReadChunks` with path `-`.
 *
 * @example
 * ```ts
 * import { Stdin } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // Run as: printf 'flow\r\nbased\nprogramming' | node lines.mjs
 * const { out } = await runComponent(Stdin);
 * // out: ['flow', 'based', 'programming']
 * ```
 */
export const Stdin = defineComponent({
  name: 'Stdin',
  description: 'Reads standard input line by line, and ends when it closes.',
  outboxes: { out: box(z.string(), 'The lines read, in order, without terminators.') },
  params: z.object({ encoding, maxLineLength }),
  async body({ outbox, params, name, signal }) {
    const lines = new LineSplitter(params.encoding, params.maxLineLength, { name, type: 'Stdin' });
    const out = outbox.out;
    for await (const chunk of streamChunks(process.stdin, signal)) {
      for (const line of lines.push(chunk)) if (!out.trySend(line)) await out.send(line);
    }
    for (const line of lines.end()) await out.send(line);
  },
});
