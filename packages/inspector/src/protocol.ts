/**
 * What the inspector's server sends its pages (and `plexus inspect`): Server-Sent Events,
 * each a JSON document, named after the interfaces below — `hello` once, `layout` whenever the
 * graph's shape changes, `tick` several times a second, `log` and `failure` as things happen,
 * `tap` with the samples of a link a client asked for, and `end` when the run is over.
 */
import type { ComponentInfo, TapSample } from '@plexus/core';

/**
 * How a run stands.
 *
 * `starting` until its first component runs, `running`, then how it ended: `completed`,
 * `stopped` or `failed`. Every `tick` and the `end` event carry it.
 *
 * @example
 * ```ts
 * import type { RunStatus } from '@plexus/inspector';
 *
 * export const over = (status: RunStatus) => status !== 'starting' && status !== 'running';
 * ```
 */
export type RunStatus = 'starting' | 'running' | 'completed' | 'stopped' | 'failed';

/**
 * The bounds every tap is held to.
 *
 * So that tapping a busy link costs the run little: how many samples are kept per link, how
 * often one is taken, and how long each one's text may be. Set through `inspector({ tap })`.
 *
 * @example
 * ```ts
 * import { inspector, type TapBounds } from '@plexus/inspector';
 *
 * const tap: TapBounds = { last: 50, every: 250, maxChars: 500 };
 * export const watching = inspector({ tap });
 * ```
 */
export interface TapBounds {
  /** Samples kept per link (the last ones). */
  readonly last: number;
  /** At least this many milliseconds between two samples of a link. */
  readonly every: number;
  /** Each sample's text is cut to this many characters. */
  readonly maxChars: number;
}

/**
 * `hello`: the first event of a stream.
 *
 * The graph's name, this connection's id (named when asking for a tap), the tap bounds, how
 * often ticks come, and when the run started.
 *
 * @example
 * ```ts
 * import type { Hello } from '@plexus/inspector';
 * import { watchInspector } from '@plexus/inspector/client';
 *
 * for await (const { event, data } of watchInspector(process.argv[2]!)) {
 *   if (event !== 'hello') continue;
 *   const hello = data as Hello;
 *   console.log(`${hello.graph}, a tick every ${hello.every} ms`);
 *   break;
 * }
 * ```
 */
export interface Hello {
  readonly graph: string;
  /** This connection's id: name it when asking for a tap. */
  readonly client: string;
  readonly tap: TapBounds;
  /** Milliseconds between two ticks. */
  readonly every: number;
  readonly startedAt: number;
}

/**
 * A node of a layout, in points, its centre at (x, y), y growing downwards.
 *
 * One per component instance (replicas drawn as one), with what its label shows: name, type
 * and backend.
 *
 * @example
 * ```ts
 * import type { LayoutNode } from '@plexus/inspector';
 *
 * export const svgBox = (n: LayoutNode) =>
 *   `<rect x="${n.x - n.w / 2}" y="${n.y - n.h / 2}" width="${n.w}" height="${n.h}"/>`;
 * ```
 */
export interface LayoutNode {
  /** Instance name (`wc/split`); its replicas (`wc/split#2`) are drawn as this node. */
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly backend: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * A composite, drawn as a box around its children.
 *
 * In the same points as the nodes; `key` is the composite's instance name.
 *
 * @example
 * ```ts
 * import type { LayoutCluster } from '@plexus/inspector';
 *
 * export const contains = (c: LayoutCluster, x: number, y: number) =>
 *   Math.abs(x - c.x) <= c.w / 2 && Math.abs(y - c.y) <= c.h / 2;
 * ```
 */
export interface LayoutCluster {
  readonly key: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * A link between two boxes (all the replicas' links between them), drawn as one edge.
 *
 * Its curve and arrowhead as SVG path data, where its label goes, and the ids of the physical
 * links it stands for, to find their counters in a tick.
 *
 * @example
 * ```ts
 * import type { LayoutEdge, Tick } from '@plexus/inspector';
 *
 * export const queuedOn = (edge: LayoutEdge, tick: Tick) =>
 *   tick.links.filter((l) => edge.links.includes(l.id)).reduce((n, l) => n + l.queued, 0);
 * ```
 */
export interface LayoutEdge {
  /** `from.box->to.box`, by instance names. */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** `out → in`. */
  readonly label: string;
  /** SVG path data of the curve, and the points of its arrowhead. */
  readonly path: string;
  readonly arrow: string;
  /** Where the label goes. */
  readonly lx: number;
  readonly ly: number;
  /** Ids of the physical links this edge stands for. */
  readonly links: readonly number[];
}

/**
 * `layout`: the graph as Graphviz lays it out (as `plexus draw` does).
 *
 * Sent when the stream starts and whenever the graph's shape changes (a component or link
 * added or removed while it runs); `version` counts up. A graph too big to lay out live says
 * how big in `tooBig`, with no nodes or edges.
 *
 * @example
 * ```ts
 * import type { Layout } from '@plexus/inspector';
 *
 * export const describe = (layout: Layout) =>
 *   layout.tooBig !== undefined
 *     ? `${layout.tooBig} components: too many to draw`
 *     : `${layout.nodes.length} nodes, ${layout.edges.length} edges (v${layout.version})`;
 * ```
 */
export interface Layout {
  /** Counts up with each new layout. */
  readonly version: number;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LayoutNode[];
  readonly clusters: readonly LayoutCluster[];
  readonly edges: readonly LayoutEdge[];
  /**
   * Set when the graph has more components than are laid out live (its nodes and edges are
   * then empty): how many it has. The counters, log and failures still come.
   */
  readonly tooBig?: number;
}

/**
 * One link's counters in a tick, with its rate.
 *
 * The counters of `stats().links` plus `rate`, the messages a second accepted since the last
 * tick: a link whose `queued` stays at its `capacity` has a slow consumer.
 *
 * @example
 * ```ts
 * import type { LinkTick } from '@plexus/inspector';
 *
 * export const full = (l: LinkTick) => l.queued >= l.capacity;
 * export const line = (l: LinkTick) => `${l.from} -> ${l.to}: ${l.rate.toFixed(0)}/s, ${l.queued}/${l.capacity}`;
 * ```
 */
export interface LinkTick {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly capacity: number;
  readonly sent: number;
  readonly delivered: number;
  readonly queued: number;
  readonly dropped: number;
  readonly closed: boolean;
  /** Messages a second accepted into the link since the last tick. */
  readonly rate: number;
}

/**
 * `tick`: the run's counters now.
 *
 * Sent several times a second (`hello.every` ms apart): the run's status, every component with
 * its state, and every link's counters and rate.
 *
 * @example
 * ```ts
 * import type { Tick } from '@plexus/inspector';
 * import { watchInspector } from '@plexus/inspector/client';
 *
 * for await (const { event, data } of watchInspector(process.argv[2]!)) {
 *   if (event !== 'tick') continue;
 *   const tick = data as Tick;
 *   const running = tick.components.filter((c) => c.state === 'running').length;
 *   console.log(`${tick.status}: ${running} running`);
 * }
 * ```
 */
export interface Tick {
  readonly at: number;
  readonly status: RunStatus;
  readonly components: readonly ComponentInfo[];
  readonly links: readonly LinkTick[];
}

/**
 * `log`: things that happened to components.
 *
 * A component started, ended, failed or was restarted, with a line of text saying so.
 *
 * @example
 * ```ts
 * import type { LogEntry } from '@plexus/inspector';
 *
 * export const line = (e: LogEntry) => `${new Date(e.at).toISOString()} ${e.kind} ${e.text}`;
 * ```
 */
export interface LogEntry {
  readonly at: number;
  readonly kind: 'start' | 'end' | 'fail' | 'restart';
  readonly component: string;
  readonly text: string;
}

/**
 * `failure`: an error, with what it names.
 *
 * The facts of the error (component, type, backend, where, box, message involved, code) and
 * its message and stack; `restarted` says the component's supervisor restarted it after it.
 *
 * @example
 * ```ts
 * import type { Failure } from '@plexus/inspector';
 *
 * export const headline = (f: Failure) =>
 *   `${f.component ?? 'the run'}${f.restarted === undefined ? ' failed' : ' crashed, restarted'}: ${f.message}`;
 * ```
 */
export interface Failure {
  readonly at: number;
  /** Set when a component failed; unset for the run's own failure. */
  readonly component?: string;
  readonly type?: string;
  readonly backend?: string;
  readonly where?: string;
  readonly box?: string;
  readonly involved?: string;
  readonly code?: string;
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The component was restarted after it (its supervisor's `restarts`th restart). */
  readonly restarted?: number;
}

/**
 * `tap`: new samples of a tapped edge.
 *
 * Sent to the client that asked for the tap, with the edge's key and the samples since the
 * last `tap` event, each a message rendered as text.
 *
 * @example
 * ```ts
 * import type { TapEvent } from '@plexus/inspector';
 *
 * export const lines = (t: TapEvent) => t.samples.map((s) => `${t.edge} #${s.seq}: ${s.text}`);
 * ```
 */
export interface TapEvent {
  /** The edge's key. */
  readonly edge: string;
  readonly samples: readonly TapSample[];
}

/**
 * `end`: the run is over; the stream closes after it.
 *
 * How it ended, and for a failed run the failure's message.
 *
 * @example
 * ```ts
 * import type { End } from '@plexus/inspector';
 * import { watchInspector } from '@plexus/inspector/client';
 *
 * for await (const { event, data } of watchInspector(process.argv[2]!)) {
 *   if (event === 'end') process.exitCode = (data as End).status === 'failed' ? 1 : 0;
 * }
 * ```
 */
export interface End {
  readonly status: RunStatus;
  readonly message?: string;
}

/**
 * Everything a new client is sent: the events above, as they stand.
 *
 * So a page opened in the middle of a run shows it as it is: the hello, the current layout and
 * tick, the log and failures so far, and the end if the run is over.
 *
 * @example
 * ```ts
 * import type { Snapshot } from '@plexus/inspector';
 *
 * export const summary = (s: Snapshot) =>
 *   `${s.hello.graph}: ${s.tick?.status ?? 'starting'}, ${s.failures.length} failures, ${s.log.length} log entries`;
 * ```
 */
export interface Snapshot {
  readonly hello: Hello;
  readonly layout: Layout | undefined;
  readonly tick: Tick | undefined;
  readonly log: readonly LogEntry[];
  readonly failures: readonly Failure[];
  readonly end: End | undefined;
}
