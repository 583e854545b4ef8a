/**
 * What a drawing shows, taken from the graph as built: every component instance (composites
 * flattened, their names kept as paths), its type and backend, and every link.
 */
import type { Graph } from '@plexus/core';

export interface ShapeNode {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly backend: string;
  /** Composite path, outermost first (`wc/count/split` is in `wc`, then `wc/count`). */
  readonly parents: readonly string[];
}

export interface ShapeEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface GraphShape {
  readonly name: string;
  readonly nodes: readonly ShapeNode[];
  readonly edges: readonly ShapeEdge[];
}

export const BACKEND_COLORS: Readonly<Record<string, string>> = {
  inline: '#dbeafe',
  worker: '#dcfce7',
  process: '#fee2e2',
};

export function shapeOf(g: Graph): GraphShape {
  const stats = g.stats();
  const id = (name: string) => `n_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const nodes = stats.components.map((c) => {
    const parts = c.name.split('/');
    return {
      id: id(c.name),
      name: parts[parts.length - 1]!,
      type: c.type,
      backend: c.backend,
      parents: parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/')),
    };
  });
  const edges = stats.links.map((link) => {
    const [from, out] = splitBox(link.from);
    const [to, into] = splitBox(link.to);
    return { from: id(from), to: id(to), label: `${out} → ${into}` };
  });
  return { name: g.name, nodes, edges };
}

function splitBox(ref: string): [string, string] {
  const dot = ref.lastIndexOf('.');
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}
