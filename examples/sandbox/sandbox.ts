/**
 * A file reader meant to run in a child process under a permission sandbox. Nothing in it
 * knows about the sandbox: the placement sets it up, and a read outside what it allows fails
 * the graph with the denied access named.
 */
import { readFile } from 'node:fs/promises';
import { ConsoleEcho } from '@plexus/components';
import { box, defineComponent, type Graph, graph, z } from '@plexus/core';

/** Reads one text file and sends its lines. */
export const ReadFile = defineComponent({
  name: 'ReadFile',
  description: 'Reads a UTF-8 text file and sends its lines.',
  outboxes: { out: box(z.string(), 'The lines of the file.') },
  params: z.object({
    // Marked as a path: in a graph file it is relative to the graph file.
    path: z.string().meta({ format: 'path' }).describe('The file to read.'),
  }),
  async body({ outbox, params }) {
    const text = await readFile(params.path, 'utf8');
    for (const line of text.split('\n')) if (line !== '') await outbox.out.send(line);
  },
});

/** The folder the sandbox lets the reader read, relative to the repository root. */
export const PUBLIC = 'examples/sandbox/files/public';

/**
 * A graph whose `reader` runs in a child process that may read only `allowed` (paths
 * relative to the working directory), and prints what it read.
 */
export function sandboxed(path: string, allowed: readonly string[] = [PUBLIC]): Graph {
  const g = graph('sandbox');
  g.pipeline(
    g.add('reader', ReadFile, {
      params: { path },
      backend: 'process',
      options: { permissions: { read: [...allowed] } },
    }),
    g.add('print', ConsoleEcho),
  );
  return g;
}
