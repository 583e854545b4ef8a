/**
 * What a drawing adds from the graph file to the shape the graph's counters give: each
 * component's group and replicas, which the counters of a graph not yet run cannot show (its
 * replicas are started by the run). A node placed with `replicas: 4` is named `count ×4`; one
 * in a group shows `group cpu` after its type. A graph file used as a component passes its
 * placement on to the components inside it that set none of their own.
 */
import type { GraphShape } from '@plexus/inspector';
import type { LoadedGraph } from '../file/LoadedGraph.ts';

interface Placed {
  readonly group?: string | undefined;
  readonly replicas?: number | undefined;
}

/** The group and replicas of every instance (by its path name) that the files give one. */
function placements(loaded: LoadedGraph, prefix = '', inherited: Placed = {}): Map<string, Placed> {
  const found = new Map<string, Placed>();
  for (const { name, entry, inner } of loaded.components) {
    const key = `${prefix}${name}`;
    const placed: Placed = {
      group: entry.group ?? inherited.group,
      replicas: entry.replicas ?? inherited.replicas,
    };
    found.set(key, placed);
    if (inner !== undefined) {
      for (const [child, its] of placements(inner, `${key}/`, placed)) found.set(child, its);
    }
  }
  return found;
}

/** The shape with each node's group and replicas written into its label. */
export function withPlacement(shape: GraphShape, loaded: LoadedGraph): GraphShape {
  const placed = placements(loaded);
  return {
    ...shape,
    nodes: shape.nodes.map((node) => {
      const { group, replicas } = placed.get(node.key) ?? {};
      return {
        ...node,
        name: replicas !== undefined && replicas > 1 ? `${node.name} ×${replicas}` : node.name,
        type: group === undefined ? node.type : `${node.type} · group ${group}`,
      };
    }),
  };
}
