/** A graph as a Mermaid flowchart, which code hosts render: composites as subgraphs, backends as classes. */
import { drawnBackends, type GraphShape } from '@plexus/inspector';

export function toMermaid(shape: GraphShape): string {
  const lines = ['flowchart LR'];
  const clusters = new Set(shape.nodes.flatMap((node) => node.parents));
  const emit = (parent: string | undefined, indent: string) => {
    for (const cluster of [...clusters].filter(
      (c) => (c.includes('/') ? c.slice(0, c.lastIndexOf('/')) : undefined) === parent,
    )) {
      lines.push(
        `${indent}subgraph c_${cluster.replace(/[^A-Za-z0-9_]/g, '_')}["${cluster.split('/').pop()}"]`,
      );
      emit(cluster, `${indent}  `);
      lines.push(`${indent}end`);
    }
    for (const node of shape.nodes.filter((n) => n.parents[n.parents.length - 1] === parent)) {
      lines.push(
        `${indent}${node.id}["${node.name}<br/><small>${node.type} (${node.backend})</small>"]:::${node.backend}`,
      );
    }
  };
  emit(undefined, '  ');
  for (const edge of shape.edges) lines.push(`  ${edge.from} -->|"${edge.label}"| ${edge.to}`);
  for (const [backend, color] of drawnBackends(shape))
    lines.push(`  classDef ${backend} fill:${color},stroke:#555`);
  return `${lines.join('\n')}\n`;
}
