import { inspect } from 'node:util';
import { box, defineComponent, z } from '@plexus/core';
import { streamOutput } from '../internal/output.ts';

/**
 * Prints each message it receives to stdout (or stderr), and passes it on if linked.
 *
 * Kamaelia's ConsoleEchoer. With `format: 'text'` (the default) a string prints as it is,
 * bytes are written raw, and anything else prints as `util.inspect` shows it; with `'json'`
 * every message prints as JSON. A newline follows each unless `newline` is false. Writes wait
 * while the terminal or pipe is full, so printing holds back the senders rather than
 * buffering without bound. The optional `out` outbox sends every message on after printing,
 * so it can sit in the middle of a pipeline as a tap. It ends when its input does.
 *
 * @example
 * ```ts
 * import { ConsoleEcho } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(ConsoleEcho, { in: ['hello', { n: 1 }] });
 * // out: ['hello', { n: 1 }], prints: 'hello\n{ n: 1 }\n'
 * ```
 */
export const ConsoleEcho = defineComponent({
  name: 'ConsoleEcho',
  description: 'Prints each message it receives to stdout (or stderr), and passes it on if linked.',
  inboxes: { in: box(z.any(), 'Messages to print.') },
  outboxes: {
    out: box(z.any(), 'The same messages, after printing (a tap).', { optional: true }),
  },
  params: z.object({
    stream: z.enum(['stdout', 'stderr']).default('stdout').describe('Where to print.'),
    format: z
      .enum(['text', 'json'])
      .default('text')
      .describe(
        "'text': strings as they are, other values inspected; 'json': every message as JSON.",
      ),
    newline: z.boolean().default(true).describe('Print a newline after each message.'),
  }),
  async body({ inbox, outbox, params, name, signal }) {
    const stream = params.stream === 'stderr' ? process.stderr : process.stdout;
    const output = streamOutput(stream, { name, type: 'ConsoleEcho' }, params.stream);
    const end = params.newline ? '\n' : '';
    const input = inbox.in;
    while (await input.wait()) {
      const batch: unknown[] = [];
      let text = '';
      while (input.dataReady() && batch.length < 1024) {
        const message = input.recv();
        batch.push(message);
        if (message instanceof Uint8Array && params.format === 'text') {
          if (text !== '') await output.write(text, signal);
          text = '';
          await output.write(message, signal);
          if (end !== '') await output.write(end, signal);
        } else text += format(message, params.format) + end;
      }
      if (text !== '') await output.write(text, signal);
      for (const message of batch) await outbox.out.send(message);
    }
  },
});

function format(message: unknown, as: 'text' | 'json'): string {
  if (as === 'json') return JSON.stringify(message) ?? String(message);
  return typeof message === 'string' ? message : inspect(message, { depth: 8, breakLength: 120 });
}
