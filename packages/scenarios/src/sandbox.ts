/**
 * A component that reads files, for the sandbox scenarios: placed with `options.permissions`
 * it must run under them or not at all. Like the other scenario components it shares
 * nothing with the test, so it runs inline, on a worker or in a process alike.
 */
import { readFile } from 'node:fs/promises';
import { box, defineComponent, z } from '@plexus/core';

/** Reads each path it receives and sends the file's text; the path 'crash' makes it throw. */
export const ReadPaths = defineComponent({
  name: 'ReadPaths',
  description: "Sends the text of each file named on its inbox; throws on the path 'crash'.",
  inboxes: { in: box(z.string(), 'Paths of files to read.') },
  outboxes: { out: box(z.string(), 'Their texts.') },
  async body({ inbox, outbox }) {
    for await (const path of inbox.in) {
      if (path === 'crash') throw new Error('crashed on purpose');
      await outbox.out.send(await readFile(path, 'utf8'));
    }
  },
});
