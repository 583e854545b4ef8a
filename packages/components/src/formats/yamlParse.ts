import { box, defineComponent, z } from '@plexus/core';
import { Composer, type Document, Parser } from 'yaml';
import { Errors } from '../errors.ts';
import { asText } from '../internal/json.ts';
import { chunk } from '../internal/schemas.ts';

/**
 * Parses a stream of YAML — one document, or many separated by `---` — arriving in chunks of
 * any size, and sends each document's value as soon as it is complete (the `yaml` package's
 * incremental parser).
 *
 * Chunks (text or bytes) may split the text anywhere, even inside a `---`: only the document in
 * progress is held, so a long multi-document stream parses in bounded memory at its
 * consumer's pace. With `each: 'message'` each message is one whole text instead, parsed on
 * its own (all its documents sent). Empty documents send `null`. A document that is not valid
 * YAML fails with `ERR_BAD_FORMAT`, naming its line and column.
 *
 * @example
 * ```ts
 * import { YamlParse } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(YamlParse, { in: ['room: kitchen\n--', '-\nroom: lounge\n'] });
 * // out: [{ room: 'kitchen' }, { room: 'lounge' }]
 * ```
 */
export const YamlParse = defineComponent({
  name: 'YamlParse',
  description: 'Parses a stream of YAML documents, in chunks of any size, into values.',
  inboxes: { in: box(chunk, 'YAML text or bytes, in chunks of any size.') },
  outboxes: { out: box(z.unknown(), 'The value of each document, in order.') },
  params: z.object({
    each: z
      .enum(['stream', 'message'])
      .default('stream')
      .describe("'stream': chunks of one stream of documents; 'message': each message is whole."),
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'YamlParse' };
    let parser = new Parser();
    let composer = new Composer();
    let consumed = '';
    const send = async (docs: Iterable<Document.Parsed>) => {
      for (const doc of docs) {
        const error = doc.errors[0];
        if (error !== undefined) {
          const at = lineAndColumn(consumed, error.pos[0]);
          throw Errors.badFormat(
            who,
            'YAML',
            error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
            ` at line ${at.line}, column ${at.column}`,
            'Fix the document.',
          );
        }
        await outbox.out.send(doc.toJS({ maxAliasCount: 100 }) ?? null);
      }
    };
    for await (const data of inbox.in) {
      const text = asText(data);
      if (params.each === 'message') {
        parser = new Parser();
        composer = new Composer();
        consumed = text;
        await send(composer.compose(parser.parse(text)));
        continue;
      }
      consumed += text;
      for (const token of parser.parse(text, true)) await send(composer.next(token));
    }
    if (params.each === 'stream') {
      for (const token of parser.parse('', false)) await send(composer.next(token));
      await send(composer.end());
    }
  },
});

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
