/**
 * What a drawing shows, taken from a graph's counters: every component instance (composites
 * flattened, their names kept as paths), its type and backend, and every link between two
 * boxes. The replicas of a component (`count#1`, `count#2`, which appear once a run has
 * started them) are drawn as the one node they stand for, and their links as one edge, so a
 * running graph has the shape `plexus draw` gives it.
 */
import type { Graph, GraphStats } from '@plexus/core';

/**
 * One component instance of a {@link GraphShape}: a node of the drawing.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { shapeOf } from '@plexus/inspector';
 *
 * for (const node of shapeOf(graph('empty')).nodes) console.log(node.key, node.backend);
 * ```
 */
export interface ShapeNode {
  readonly id: string;
  /** Instance name, e.g. `wc/split`. */
  readonly key: string;
  /** Last part of the name: `split`. */
  readonly name: string;
  readonly type: string;
  readonly backend: string;
  /** Composite path, outermost first (`wc/count/split` is in `wc`, then `wc/count`). */
  readonly parents: readonly string[];
}

/**
 * One link of a {@link GraphShape}, between two boxes: an edge of the drawing (the links of
 * replicas drawn as one).
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { shapeOf } from '@plexus/inspector';
 *
 * for (const edge of shapeOf(graph('empty')).edges) console.log(edge.key, edge.links.length);
 * ```
 */
export interface ShapeEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** `from.box->to.box`, by instance names. */
  readonly key: string;
  /** Ids of the physical links drawn as this edge (one per replica). */
  readonly links: readonly number[];
}

/**
 * What a drawing of a graph shows: its component instances and the links between them, as
 * `plexus draw` and the inspector draw them.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { type GraphShape, shapeOf, toDot } from '@plexus/inspector';
 *
 * const shape: GraphShape = shapeOf(graph('empty'));
 * console.log(shape.nodes.length, toDot(shape).startsWith('digraph'));
 * ```
 */
export interface GraphShape {
  readonly name: string;
  readonly nodes: readonly ShapeNode[];
  readonly edges: readonly ShapeEdge[];
}

/**
 * Fill colours of the backends in drawings.
 *
 * @example
 * ```ts
 * import { BACKEND_COLORS } from '@plexus/inspector';
 *
 * console.log(BACKEND_COLORS.worker); // the fill of worker components in drawings
 * ```
 */
export const BACKEND_COLORS: Readonly<Record<string, string>> = {
  inline: '#dbeafe',
  worker: '#dcfce7',
  process: '#fee2e2',
  nats: '#fef3c7',
};

/**
 * The backends a drawing of `shape` names in its legend, with their colours: the three of one
 * host always, another (nats) when the graph places something there.
 *
 * @example
 * ```ts
 * import { drawnBackends, shapeOf } from '@plexus/inspector';
 * import { graph } from '@plexus/core';
 *
 * console.log(drawnBackends(shapeOf(graph('empty')))); // inline, worker and process
 * ```
 */
export function drawnBackends(shape: GraphShape): [string, string][] {
  const used = new Set(shape.nodes.map((node) => node.backend));
  return Object.entries(BACKEND_COLORS).filter(
    ([backend]) => ['inline', 'worker', 'process'].includes(backend) || used.has(backend),
  );
}

/**
 * The shape of a graph as built (or as it runs).
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { shapeOf } from '@plexus/inspector';
 *
 * const shape = shapeOf(graph('empty'));
 * console.log(shape.nodes.length, shape.edges.length);
 * ```
 */
export function shapeOf(g: Graph): GraphShape {
  return shapeOfStats(g.name, g.stats());
}

/**
 * The shape of the graph named `name` whose counters are `stats`.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { shapeOfStats } from '@plexus/inspector';
 *
 * const g = graph('empty');
 * const shape = shapeOfStats(g.name, g.stats());
 * ```
 */
export function shapeOfStats(name: string, stats: GraphStats): GraphShape {
  const names = new Set(stats.components.map((c) => c.name));
  const nodeOf = (instance: string) => replicaOf(instance, names) ?? instance;
  const id = (instance: string) => `n_${instance.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const nodes: ShapeNode[] = [];
  for (const c of stats.components) {
    if (replicaOf(c.name, names) !== undefined) continue;
    const parts = c.name.split('/');
    nodes.push({
      id: id(c.name),
      key: c.name,
      name: parts[parts.length - 1]!,
      type: c.type,
      backend: c.backend,
      parents: parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/')),
    });
  }
  const edges = new Map<string, { from: string; to: string; label: string; links: number[] }>();
  for (const link of stats.links) {
    const [from, out] = splitBox(link.from);
    const [to, into] = splitBox(link.to);
    const key = edgeKeyOf(link, names);
    const seen = edges.get(key);
    if (seen !== undefined) seen.links.push(link.id);
    else
      edges.set(key, {
        from: id(nodeOf(from)),
        to: id(nodeOf(to)),
        label: `${out} → ${into}`,
        links: [link.id],
      });
  }
  return { name, nodes, edges: [...edges].map(([key, edge]) => ({ ...edge, key })) };
}

/**
 * The edge a physical link is drawn as: `from.box->to.box` by the instance names the drawing
 * uses (a replica's link is its component's). `names` are the graph's component names.
 */
export function edgeKeyOf(
  link: { readonly from: string; readonly to: string },
  names: ReadonlySet<string>,
): string {
  const [from, out] = splitBox(link.from);
  const [to, into] = splitBox(link.to);
  return `${replicaOf(from, names) ?? from}.${out}->${replicaOf(to, names) ?? to}.${into}`;
}

/** `count` for `count#2` when `count` is a component too (a replica), else undefined. */
export function replicaOf(instance: string, names: ReadonlySet<string>): string | undefined {
  const hash = instance.lastIndexOf('#');
  if (hash <= 0 || !/^\d+$/.test(instance.slice(hash + 1))) return undefined;
  const base = instance.slice(0, hash);
  return names.has(base) ? base : undefined;
}

function splitBox(ref: string): [string, string] {
  const dot = ref.lastIndexOf('.');
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}
