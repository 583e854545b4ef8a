/**
 * Which node runs a unit: the one its placement names (`node`), else one with all its
 * `labels`. Replicas (`name#i`) go round the matching nodes in name order, so N replicas over N
 * matching nodes take one each; any other unit goes to the matching node with fewest units.
 */
import { NatsErrors } from './errors.ts';
import type { NodeInfo } from './nodeInfo.ts';
import type { NatsPlacementOptions } from './unitIsolation.ts';

/** The nodes that `options` allows, by name. */
export function matchingNodes(
  options: NatsPlacementOptions,
  nodes: readonly NodeInfo[],
): NodeInfo[] {
  const labels = options.labels ?? [];
  return nodes
    .filter((node) => options.node === undefined || node.name === options.node)
    .filter((node) => labels.every((label) => node.labels.includes(label)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Describe what a placement asks for, for messages. */
function describeWanted(options: NatsPlacementOptions): string {
  if (options.node !== undefined) return `node '${options.node}'`;
  if ((options.labels ?? []).length > 0) return `labels ${(options.labels ?? []).join(', ')}`;
  return 'any node';
}

export function chooseNode(
  unit: string,
  options: NatsPlacementOptions,
  nodes: readonly NodeInfo[],
  load: ReadonlyMap<string, number>,
): NodeInfo {
  const matching = matchingNodes(options, nodes);
  if (matching.length === 0) {
    const live = nodes.map((n) => `'${n.name}' [${n.labels.join(', ')}]`).join(', ') || 'none';
    throw NatsErrors.noMatchingNode(unit, describeWanted(options), live);
  }
  const replica = /#(\d+)'?$/.exec(unit);
  if (replica !== null) return matching[(Number(replica[1]) - 1) % matching.length]!;
  let best = matching[0]!;
  for (const node of matching)
    if ((load.get(node.name) ?? 0) < (load.get(best.name) ?? 0)) best = node;
  return best;
}
