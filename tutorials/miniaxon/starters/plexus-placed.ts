/**
 * Step 8 — placement. The exercise is in steps/08-placement/README.md.
 * Check your work with: pnpm tutorial check 8
 */
import { type Graph, graph } from '@plexus/core';
import { Print, ReadFile, Upper } from './plexus-shout.ts';

/** read (in a child process) → upper (in a worker thread) → print (inline). */
export function placedGraph(path: string): Graph {
  const g = graph('shout');
  g.pipeline(
    g.add('read', ReadFile, { params: { path } }), // TODO: run this one in a child process
    g.add('upper', Upper), // TODO: and this one in a worker thread
    g.add('print', Print),
  );
  return g;
}
