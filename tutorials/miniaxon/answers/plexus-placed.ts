/** Step 8 — the same graph, with `read` in a child process and `upper` in a worker thread. */
import { type Graph, graph } from '@plexus/core';
import { Print, ReadFile, Upper } from './plexus-shout.ts';

/** read (in a child process) → upper (in a worker thread) → print (inline). */
export function placedGraph(path: string): Graph {
  const g = graph('shout');
  g.pipeline(
    g.add('read', ReadFile, { params: { path }, backend: 'process' }),
    g.add('upper', Upper, { backend: 'worker' }),
    g.add('print', Print),
  );
  return g;
}
