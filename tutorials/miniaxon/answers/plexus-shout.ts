/** Step 7 — the same program on Plexus: three components and a graph. */
import { readFile } from 'node:fs/promises';
import { box, defineComponent, type Graph, graph, z } from '@plexus/core';

/** Sends each line of a text file that is not empty. */
export const ReadFile = defineComponent({
  name: 'ReadFile',
  description: 'Sends each line of a text file that is not empty.',
  outboxes: { out: box(z.string(), 'The lines, in order.') },
  params: z.object({ path: z.string().describe('The file to read.') }),
  async body({ outbox, params }) {
    const text = await readFile(params.path, 'utf8');
    for (const line of text.split('\n')) {
      if (line !== '') await outbox.out.send(line);
    }
  },
});

/** Sends each line it receives in capitals. */
export const Upper = defineComponent({
  name: 'Upper',
  description: 'Sends each line it receives in capitals.',
  inboxes: { in: box(z.string(), 'Lines.') },
  outboxes: { out: box(z.string(), 'The same lines, in capitals.') },
  async body({ inbox, outbox }) {
    for await (const line of inbox.in) await outbox.out.send(line.toUpperCase());
  },
});

/** Prints each line it receives. */
export const Print = defineComponent({
  name: 'Print',
  description: 'Prints each line it receives.',
  inboxes: { in: box(z.string(), 'Lines to print.') },
  async body({ inbox }) {
    for await (const line of inbox.in) console.log(line);
  },
});

/** read → upper → print, for the file at `path`. */
export function shoutGraph(path: string): Graph {
  const g = graph('shout');
  g.pipeline(
    g.add('read', ReadFile, { params: { path } }),
    g.add('upper', Upper),
    g.add('print', Print),
  );
  return g;
}
