/**
 * A graph's shape laid out by Graphviz (compiled to WebAssembly, as `plexus draw` uses it):
 * the DOT text of `toDot`, rendered to Graphviz's JSON, turned into points the page draws —
 * y growing downwards, curves as SVG paths, each edge matched back to its links.
 */
import type { Layout, LayoutCluster, LayoutEdge, LayoutNode } from '../protocol.ts';
import type { GraphShape } from './graphShape.ts';
import { toDot } from './toDot.ts';

interface VizObject {
  readonly name: string;
  readonly bb?: string;
  readonly pos?: string;
  readonly width?: string;
  readonly height?: string;
  readonly label?: string;
}

interface VizEdge {
  readonly pos?: string;
  readonly lp?: string;
}

interface VizGraph {
  readonly bb: string;
  readonly objects?: readonly VizObject[];
  readonly edges?: readonly VizEdge[];
}

type Viz = { renderJSON(dot: string): unknown };

let viz: Promise<Viz> | undefined;

function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  return viz;
}

const POINTS_PER_INCH = 72;

/** Lay out `shape`; `version` numbers the result. */
export async function layoutGraph(shape: GraphShape, version: number): Promise<Layout> {
  const json = (await graphviz()).renderJSON(toDot(shape, { live: true })) as VizGraph;
  const [, , width = 0, height = 0] = numbers(json.bb);
  const flip = (y: number) => round(height - y);
  const byName = new Map((json.objects ?? []).map((o) => [o.name, o]));
  const nodes: LayoutNode[] = [];
  for (const node of shape.nodes) {
    const drawn = byName.get(node.id);
    if (drawn?.pos === undefined) continue;
    const [x = 0, y = 0] = numbers(drawn.pos);
    nodes.push({
      key: node.key,
      name: node.name,
      type: node.type,
      backend: node.backend,
      x: round(x),
      y: flip(y),
      w: round(Number(drawn.width) * POINTS_PER_INCH),
      h: round(Number(drawn.height) * POINTS_PER_INCH),
    });
  }
  const clusters: LayoutCluster[] = [];
  for (const object of json.objects ?? []) {
    if (!object.name.startsWith('cluster_') || object.bb === undefined) continue;
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = numbers(object.bb);
    clusters.push({
      key: object.name.slice('cluster_'.length),
      label: object.label ?? '',
      x: round(x1),
      y: flip(y2),
      w: round(x2 - x1),
      h: round(y2 - y1),
    });
  }
  const keyOf = new Map(shape.nodes.map((node) => [node.id, node.key]));
  const edges: LayoutEdge[] = shape.edges.map((edge, i) => {
    const drawn = json.edges?.[i];
    const { path, arrow } = curve(drawn?.pos ?? '', flip);
    const [lx = 0, ly = 0] = numbers(drawn?.lp ?? '');
    return {
      key: edge.key,
      from: keyOf.get(edge.from) ?? edge.from,
      to: keyOf.get(edge.to) ?? edge.to,
      label: edge.label,
      path,
      arrow,
      lx: round(lx),
      ly: flip(ly),
      links: edge.links,
    };
  });
  return { version, width: round(width), height: round(height), nodes, clusters, edges };
}

/** Graphviz's `e,x,y x0,y0 x1,y1 …` (end point, then B-spline control points) as SVG. */
function curve(pos: string, flip: (y: number) => number): { path: string; arrow: string } {
  let end: [number, number] | undefined;
  const points: [number, number][] = [];
  for (const part of pos.split(' ')) {
    if (part === '') continue;
    if (part.startsWith('e,')) {
      const [x = 0, y = 0] = numbers(part.slice(2));
      end = [round(x), flip(y)];
    } else if (!part.startsWith('s,')) {
      const [x = 0, y = 0] = numbers(part);
      points.push([round(x), flip(y)]);
    }
  }
  if (points.length === 0) return { path: '', arrow: '' };
  const [first, ...rest] = points;
  let path = `M${first![0]},${first![1]}`;
  for (let i = 0; i + 2 < rest.length; i += 3)
    path += ` C${rest[i]!.join(',')} ${rest[i + 1]!.join(',')} ${rest[i + 2]!.join(',')}`;
  if (end === undefined) return { path, arrow: '' };
  const [tx, ty] = points[points.length - 1]!;
  const [ex, ey] = end;
  const length = Math.hypot(ex - tx, ey - ty) || 1;
  const [nx, ny] = [(ty - ey) / length, (ex - tx) / length];
  const half = 3.5;
  const arrow = [
    [ex, ey],
    [tx + nx * half, ty + ny * half],
    [tx - nx * half, ty - ny * half],
  ]
    .map(([x, y]) => `${round(x!)},${round(y!)}`)
    .join(' ');
  return { path, arrow };
}

function numbers(text: string): number[] {
  return text.split(',').map(Number);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
