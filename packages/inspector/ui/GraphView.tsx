/**
 * The graph as Graphviz laid it out, with the run drawn over it: each component's state,
 * where it runs and its restarts; each link's messages a second and queue fill against its
 * capacity — a full link in red, thick, marked FULL: that is where backpressure is. A click
 * on a link taps it.
 */
import type { ComponentInfo } from '@plexus/core';
import { edgeKeyOf, replicaOf } from '../src/layout/graphShape.ts';
import type { Layout, LayoutEdge, LayoutNode, LinkTick, Tick } from '../src/protocol.ts';
import { lookOf, short, stateText } from './format.ts';

const BACKEND_FILL: Readonly<Record<string, string>> = {
  inline: '#dbeafe',
  worker: '#dcfce7',
  process: '#fee2e2',
  nats: '#fef3c7',
};

interface Props {
  readonly layout: Layout;
  readonly tick: Tick | undefined;
  readonly tapped: string | undefined;
  readonly onTap: (edge: LayoutEdge) => void;
}

/**
 * A component's record, and its replicas: their names (from the links to them, which are there
 * from the start, and from their records) and the records their units have reported so far.
 */
interface Seen {
  readonly info: ComponentInfo | undefined;
  readonly names: ReadonlySet<string>;
  readonly replicas: readonly ComponentInfo[];
}

export function GraphView({ layout, tick, tapped, onTap }: Props) {
  const components = new Map<string, Seen>();
  const names = new Set(tick?.components.map((c) => c.name) ?? []);
  const seen = (key: string) => {
    const known = components.get(key) ?? { info: undefined, names: new Set(), replicas: [] };
    components.set(key, known);
    return known;
  };
  for (const info of tick?.components ?? []) {
    const base = replicaOf(info.name, names);
    if (base === undefined) components.set(info.name, { ...seen(info.name), info });
    else {
      const known = seen(base);
      components.set(base, {
        ...known,
        names: new Set([...known.names, info.name]),
        replicas: [...known.replicas, info],
      });
    }
  }
  for (const link of tick?.links ?? []) {
    for (const end of [link.from, link.to]) {
      const instance = end.slice(0, end.lastIndexOf('.'));
      const base = replicaOf(instance, names);
      if (base !== undefined) (seen(base).names as Set<string>).add(instance);
    }
  }
  // Links are matched to edges from the tick itself, so replicas that started after the
  // last layout are counted at once.
  const links = new Map<string, LinkTick[]>();
  for (const link of tick?.links ?? []) {
    const key = edgeKeyOf(link, names);
    links.set(key, [...(links.get(key) ?? []), link]);
  }
  const pad = 8;
  return (
    <svg
      class="graph"
      data-version={layout.version}
      viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`}
      width={layout.width + 2 * pad}
      height={layout.height + 2 * pad}
      // Shrunk to fit, but never below 60%: a longer graph scrolls instead.
      style={{ minWidth: `${Math.round((layout.width + 2 * pad) * 0.6)}px` }}
      role="img"
      aria-label="The graph, live"
    >
      <title>The graph, live</title>
      {layout.clusters.map((c) => (
        <g class="cluster" key={`cluster ${c.key}`}>
          <rect x={c.x} y={c.y} width={c.w} height={c.h} rx={6} />
          <text x={c.x + c.w / 2} y={c.y + 13} text-anchor="middle">
            {c.label}
          </text>
        </g>
      ))}
      {layout.edges.map((edge) => (
        <Edge
          key={edge.key}
          edge={edge}
          links={links.get(edge.key) ?? []}
          tapped={edge.key === tapped}
          onTap={onTap}
        />
      ))}
      {layout.nodes.map((node) => (
        <Node key={node.key} node={node} seen={components.get(node.key)} />
      ))}
    </svg>
  );
}

function Node({ node, seen }: { node: LayoutNode; seen: Seen | undefined }) {
  const info = seen?.info;
  const replicas = seen?.replicas ?? [];
  const look = lookOf(info);
  const count = seen?.names.size ?? 0;
  // The component's own record says where its first replica runs; each replica's, its own.
  // Until every replica's unit has reported, `…` stands for the places not known yet.
  const placed = [info, ...replicas].map((r) => placeOf(r, node.backend));
  const known = [...new Set(placed.filter((p) => p !== node.backend))];
  const where =
    count === 0
      ? placed[0]!
      : known.length === 0
        ? `×${count}: ${node.backend}`
        : `×${count}: ${places(known)}${known.length < count ? ', …' : ''}`;
  const restarts = Math.max(info?.restarts ?? 0, ...replicas.map((r) => r.restarts ?? 0));
  const left = node.x - node.w / 2;
  const top = node.y - node.h / 2;
  /** `text` cut to the node's width, at `size` px and `width` em a character on average. */
  const fit = (text: string, size: number, width = 0.58) =>
    cut(text, Math.floor((node.w - 12) / (size * width)));
  // Places are mostly digits and lower case, narrower than names (`×2: worker thread 3, 4`).
  const lines = placeLines(where, Math.floor((node.w - 12) / (10 * 0.55)));
  return (
    <g
      class={`node ${look}`}
      data-node={node.key}
      data-state={look}
      data-where={where}
      data-restarts={restarts}
    >
      <title>{`${node.key} (${node.type}) — ${stateText(info)} — ${where}`}</title>
      <rect
        x={left}
        y={top}
        width={node.w}
        height={node.h}
        rx={8}
        fill={BACKEND_FILL[node.backend] ?? '#eeeeee'}
      />
      <text x={node.x} y={top + 18} class="name" text-anchor="middle">
        {fit(node.name, 12)}
      </text>
      <text x={node.x} y={top + 33} class="type" text-anchor="middle">
        {fit(node.type, 10)}
      </text>
      {lines.map((line, i) => (
        <text
          key={`where ${i}`}
          x={node.x}
          y={top + (lines.length === 1 ? 47 : 44 + 11 * i)}
          class="where"
          text-anchor="middle"
        >
          {fit(line, 10, 0.55)}
        </text>
      ))}
      <text x={node.x} y={top + (lines.length === 1 ? 62 : 67)} class="state" text-anchor="middle">
        {fit(stateText(info), 10)}
      </text>
      {restarts > 0 ? (
        <g class="restarts">
          <rect x={left + node.w - 30} y={top - 8} width={34} height={16} rx={8} />
          <text x={left + node.w - 13} y={top + 4} text-anchor="middle">
            {`↻ ${restarts}`}
          </text>
        </g>
      ) : null}
    </g>
  );
}

function Edge({
  edge,
  links,
  tapped,
  onTap,
}: {
  edge: LayoutEdge;
  links: LinkTick[];
  tapped: boolean;
  onTap: (edge: LayoutEdge) => void;
}) {
  const rate = links.reduce((sum, l) => sum + l.rate, 0);
  const queued = links.reduce((sum, l) => sum + l.queued, 0);
  const capacity = links.reduce((sum, l) => sum + l.capacity, 0);
  const sent = links.reduce((sum, l) => sum + l.sent, 0);
  const full = links.some((l) => l.queued >= l.capacity && l.capacity > 0);
  const fill = capacity === 0 ? 0 : Math.min(1, queued / capacity);
  const width = full ? 4 : rate > 0 ? 1.5 + Math.min(3, Math.log10(1 + rate) / 2) : 1.2;
  const classes = ['edge', full ? 'full' : '', rate > 0 ? 'active' : '', tapped ? 'tapped' : '']
    .filter(Boolean)
    .join(' ');
  const bar = 44;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG edge cannot be a <button>; it acts as one.
    <g
      class={classes}
      data-edge={edge.key}
      data-full={String(full)}
      data-rate={rate}
      data-sent={sent}
      data-queued={queued}
      data-capacity={capacity}
      role="button"
      tabIndex={0}
      aria-label={`tap ${edge.from} ${edge.label} ${edge.to}`}
      onClick={() => onTap(edge)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') onTap(edge);
      }}
    >
      <title>{`${edge.from}.${edge.label.replace(' → ', ` → ${edge.to}.`)} — click to tap`}</title>
      <path class="hit" d={edge.path} />
      <path class="line" d={edge.path} stroke-width={width} />
      <polygon class="head" points={edge.arrow} />
      <text x={edge.lx} y={edge.ly - 3} text-anchor="middle" class="label">
        {edge.label}
      </text>
      <text x={edge.lx} y={edge.ly + 8} text-anchor="middle" class="rate">
        {`${short(rate)}/s · ${full ? 'FULL ' : ''}${queued}/${capacity}`}
      </text>
      <rect class="queue" x={edge.lx - bar / 2} y={edge.ly + 11} width={bar} height={4} rx={2} />
      <rect
        class="queued"
        x={edge.lx - bar / 2}
        y={edge.ly + 11}
        width={Math.max(fill > 0 ? 1 : 0, fill * bar)}
        height={4}
        rx={2}
      />
    </g>
  );
}

/**
 * Where a component runs, once its unit has started: until then its record names the unit
 * (`worker 'count#1'`), which is not a place, and the backend is shown instead.
 */
function placeOf(info: ComponentInfo | undefined, backend: string): string {
  const where = info?.where;
  return where === undefined || /^[\w-]+ '[^']*'$/.test(where) ? backend : where;
}

/**
 * Where a component runs, on two lines when one is too short: a unit on a NATS node,
 * `nats node 'a' (host h), process 4242`, reads `nats node 'a'` over `host h · pid 4242`.
 */
function placeLines(where: string, fits: number): string[] {
  const open = where.indexOf(' (');
  if (where.length <= fits || open < 0) return [where];
  const rest = where
    .slice(open + 2)
    .replace(/\), process ([\d, ]+)$/, ' · pid $1')
    .replace(/\)$/, '');
  return [where.slice(0, open), rest];
}

/** `worker thread 3, worker thread 4` as `worker thread 3, 4`. */
function places(wheres: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const where of wheres) {
    const space = where.lastIndexOf(' ');
    const [head, tail] = space < 0 ? [where, ''] : [where.slice(0, space), where.slice(space + 1)];
    groups.set(head, [...(groups.get(head) ?? []), tail]);
  }
  return [...groups]
    .map(([head, tails]) => `${head} ${tails.filter(Boolean).join(', ')}`.trim())
    .join('; ');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
