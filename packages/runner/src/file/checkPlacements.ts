/**
 * `plexus check --nats <url>`: placements on nats against the live node agents — a node or
 * label no live node has, replicas beyond the nodes that match — each at its line.
 */
import type { matchingNodes as MatchingNodes, NodeInfo } from '@plexus/nats';
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedGraph } from './LoadedGraph.ts';

/** `matchingNodes` is @plexus/nats's, passed in: the runner loads that package only when asked. */
export function checkPlacements(
  graph: LoadedGraph,
  nodes: readonly NodeInfo[],
  matchingNodes: typeof MatchingNodes,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const live =
    nodes
      .map((n) => `'${n.name}'${n.labels.length > 0 ? ` [${n.labels.join(', ')}]` : ''}`)
      .join(', ') || 'none';
  for (const { name, entry, definition, inner } of graph.components) {
    if (inner !== undefined) problems.push(...checkPlacements(inner, nodes, matchingNodes));
    if (entry.backend !== 'nats') continue;
    const who = `component '${name}' (${definition.name})`;
    const options = {
      ...(entry.node === undefined ? {} : { node: entry.node }),
      ...(entry.labels === undefined ? {} : { labels: entry.labels }),
    };
    const matching = matchingNodes(options, nodes);
    if (matching.length === 0) {
      const key =
        entry.node !== undefined ? 'node' : entry.labels !== undefined ? 'labels' : 'backend';
      const wanted =
        entry.node !== undefined
          ? `node '${entry.node}'`
          : entry.labels !== undefined
            ? `a node with labels ${entry.labels.join(', ')}`
            : 'a node';
      problems.push(
        graph.at(
          ['components', name, key],
          `${who} is placed on ${wanted}, but no live node agent matches; live nodes: ${live}. Start one (plexus node --nats <url> --name <n> --labels <a,b>) or change the placement`,
        ),
      );
      continue;
    }
    const replicas = entry.replicas ?? 1;
    if (replicas > matching.length)
      problems.push(
        graph.at(
          ['components', name, 'replicas'],
          `${who} asks for ${replicas} replicas on nats, but only ${matching.length} live node${matching.length === 1 ? '' : 's'} match (${matching.map((n) => n.name).join(', ')}): replicas would share nodes. Lower replicas to ${matching.length} or start more matching node agents`,
        ),
      );
  }
  return problems;
}
