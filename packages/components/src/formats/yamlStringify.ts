import { box, defineComponent, z } from '@plexus/core';
import { stringify } from 'yaml';

/**
 * Writes each message as a YAML document (the `yaml` package), `---` first, so what it sends,
 * written one after another, is one valid multi-document stream.
 *
 * @example
 * ```ts
 * import { YamlStringify } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(YamlStringify, { in: [{ room: 'kitchen', temps: [21, 22] }] });
 * // out: ['---\nroom: kitchen\ntemps:\n  - 21\n  - 22\n']
 * ```
 */
export const YamlStringify = defineComponent({
  name: 'YamlStringify',
  description: 'Writes each message as a YAML document, --- first.',
  inboxes: { in: box(z.unknown(), 'Values to write.') },
  outboxes: { out: box(z.string(), 'YAML documents, each starting with ---.') },
  params: z.object({
    indent: z.number().int().min(1).default(2).describe('Spaces per level.'),
  }),
  async body({ inbox, outbox, params }) {
    for await (const message of inbox.in)
      await outbox.out.send(`---\n${stringify(message, { indent: params.indent })}`);
  },
});
