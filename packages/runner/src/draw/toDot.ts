/** A graph as Graphviz DOT: composites as clusters, backends as colours, boxes on the edges. */
import { BACKEND_COLORS, type GraphShape, type ShapeNode } from './graphShape.ts';

export function toDot(shape: GraphShape): string {
  const lines = [
    `digraph ${quote(shape.name)} {`,
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
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
  for (const edge of shape.edges)
    lines.push(`  ${edge.from} -> ${edge.to} [label=${quote(edge.label)}];`);
  lines.push('  subgraph cluster_legend { label="backends"; style=dotted;');
  for (const [backend, color] of Object.entries(BACKEND_COLORS))
    lines.push(`    legend_${backend} [label=${quote(backend)}, fillcolor=${quote(color)}];`);
  lines.push('  }', '}');
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
