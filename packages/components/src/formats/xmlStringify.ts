import { box, defineComponent, z } from '@plexus/core';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * Writes each object as an XML document (fast-xml-parser): keys become elements, arrays
 * repeated elements, `@name` keys attributes.
 *
 * The object should have one key, the root element (`{ reading: { '@id': 1, temp: 21.5 } }`).
 * With `indent` (the default 2) the document is laid out over lines; with 0, on one line.
 *
 * @example
 * ```ts
 * import { XmlStringify } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(XmlStringify, { in: [{ r: { '@id': 1, t: 21.5 } }] }, {
 *   params: { indent: 0 },
 * });
 * // out: ['<r id="1"><t>21.5</t></r>']
 * ```
 */
export const XmlStringify = defineComponent({
  name: 'XmlStringify',
  description: 'Writes each object as an XML document.',
  inboxes: { in: box(z.record(z.string(), z.unknown()), 'Objects: { root: { … } }.') },
  outboxes: { out: box(z.string(), 'The XML documents.') },
  params: z.object({
    indent: z.number().int().min(0).default(2).describe('Spaces per level (0: one line).'),
  }),
  async body({ inbox, outbox, params }) {
    const builder = new XMLBuilder({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      format: params.indent > 0,
      indentBy: ' '.repeat(params.indent),
    });
    for await (const message of inbox.in)
      await outbox.out.send(String(builder.build(message)).trimEnd());
  },
});
