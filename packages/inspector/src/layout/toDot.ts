/**
 * A graph as Graphviz DOT: composites as clusters, backends as colours, boxes on the edges —
 * what `plexus draw` renders, and what the inspector lays out (with room in each node for its
 * live state, and no legend: the page has its own).
 */
import { BACKEND_COLORS, drawnBackends, type GraphShape, type ShapeNode } from './graphShape.ts';

/**
 * How {@link toDot} lays a graph out: for a picture (the default), or for the live page.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { shapeOf, toDot } from '@plexus/inspector';
 *
 * const dot = toDot(shapeOf(graph('watched')), { live: true });
 * ```
 */
export interface DotOptions {
  /** Lay out for the live page: nodes at least 1.9 × 1 inches, no legend. */
  readonly live?: boolean;
}

/**
 * The DOT text of a graph's shape.
 *
 * Every node, cluster and edge of the shape appears in order, so a layout of the text can be
 * matched back to the shape by position.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { shapeOf, toDot } from '@plexus/inspector';
 *
 * const g = graph('drawn');
 * console.log(toDot(shapeOf(g)));
 * ```
 */
export function toDot(shape: GraphShape, options: DotOptions = {}): string {
  const size = options.live === true ? ', width=1.9, height=1' : '';
  const lines = [
    `digraph ${quote(shape.name)} {`,
    '  rankdir=LR;',
    `  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11${size}];`,
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const clusters = new Set(shape.nodes.flatMap((node) => node.parents));
  const emit = (parent: string | undefined, indent: string) => {
    for (const cluster of [...clusters].filter((c) => parentOf(c) === parent)) {
      lines.push(
        `${indent}subgraph ${quote(`cluster_${cluster}`)} {`,
        `${indent}  label=${quote(cluster.split('/').pop()!)}; style=dashed;`,
      );
      emit(cluster, `${indent}  `);
      lines.push(`${indent}}`);
    }
    for (const node of shape.nodes.filter((n) => n.parents[n.parents.length - 1] === parent))
      lines.push(`${indent}${nodeLine(node)}`);
  };
  emit(undefined, '  ');
  // Live, an edge's label has a second line (its rate and queue): room is kept for it.
  const room = options.live === true ? '\n000.0k/s · FULL 64/64' : '';
  for (const edge of shape.edges)
    lines.push(`  ${edge.from} -> ${edge.to} [label=${quote(edge.label + room)}];`);
  if (options.live !== true) {
    lines.push('  subgraph cluster_legend { label="backends"; style=dotted;');
    for (const [backend, color] of drawnBackends(shape))
      lines.push(`    legend_${backend} [label=${quote(backend)}, fillcolor=${quote(color)}];`);
    lines.push('  }');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeLine(node: ShapeNode): string {
  const color = BACKEND_COLORS[node.backend] ?? '#eeeeee';
  return `${node.id} [label=${quote(`${node.name}\n${node.type} (${node.backend})`)}, fillcolor=${quote(color)}];`;
}

function parentOf(cluster: string): string | undefined {
  const slash = cluster.lastIndexOf('/');
  return slash < 0 ? undefined : cluster.slice(0, slash);
}

function quote(text: string): string {
  return JSON.stringify(text);
}
