/**
 * Step 7 — the same program on Plexus. The exercise is in steps/07-plexus/README.md.
 * Check your work with: pnpm tutorial check 7
 */
import { readFile } from 'node:fs/promises';
import { box, defineComponent, type Graph, graph, z } from '@plexus/core';

/** Sends each line of a text file that is not empty. (Done for you: compare it with step 6.) */
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
    // TODO: for each line that arrives on inbox.in, send it in capitals on outbox.out.
    throw new Error('TODO: step 7 — write the body of Upper');
  },
});

/** Prints each line it receives. */
export const Print = defineComponent({
  name: 'Print',
  description: 'Prints each line it receives.',
  // TODO: one inbox, `in`, of strings (a box needs a schema and a one-line description).
  async body() {
    // TODO: take the inbox from the body's argument, as Upper does, and print each line.
    throw new Error('TODO: step 7 — write the body of Print');
  },
});

/** read → upper → print, for the file at `path`. */
export function shoutGraph(path: string): Graph {
  // TODO: a graph named 'shout'; add 'read' (with params: { path }), 'upper' and 'print';
  // link them in a pipeline; return the graph (do not run it here).
  throw new Error('TODO: step 7 — write shoutGraph()');
}
