import { box, defineComponent, z } from '@plexus/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Errors } from '../errors.ts';
import { asText } from '../internal/json.ts';
import { chunk } from '../internal/schemas.ts';

/**
 * Parses each message, an XML document, into an object (fast-xml-parser).
 *
 * Elements become keys, repeated elements arrays, text content values (numbers and booleans
 * parsed, unless `parseValues: false`); attributes are kept under `@name` keys unless
 * `attributes: false`. Each message is one whole document (text or bytes): to parse records
 * from a stream, split it first (SplitLines, for one document per line). A document that is
 * not well-formed fails with `ERR_BAD_FORMAT`, naming its line and column.
 *
 * @example
 * ```ts
 * import { XmlParse } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(XmlParse, { in: ['<r id="1"><t>21.5</t></r>'] });
 * // out: [{ r: { t: 21.5, '@id': 1 } }]
 * ```
 */
export const XmlParse = defineComponent({
  name: 'XmlParse',
  description: 'Parses each message, an XML document, into an object.',
  inboxes: { in: box(chunk, 'XML documents, one per message (text or bytes).') },
  outboxes: { out: box(z.record(z.string(), z.unknown()), 'The documents as objects.') },
  params: z.object({
    attributes: z.boolean().default(true).describe("Keep attributes, as '@name' keys."),
    parseValues: z
      .boolean()
      .default(true)
      .describe('Turn numeric and boolean text into numbers and booleans.'),
  }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'XmlParse' };
    const parser = new XMLParser({
      ignoreAttributes: !params.attributes,
      attributeNamePrefix: '@',
      parseTagValue: params.parseValues,
      parseAttributeValue: params.parseValues,
    });
    for await (const message of inbox.in) {
      const text = asText(message);
      const valid = XMLValidator.validate(text);
      if (valid !== true)
        throw Errors.badFormat(
          who,
          'XML',
          valid.err.msg,
          ` at line ${valid.err.line}, column ${valid.err.col}`,
          'Fix the document; each message must be one whole XML document.',
        );
      await outbox.out.send(parser.parse(text) as Record<string, unknown>);
    }
  },
});
