/**
 * What the inspector's server sends its pages (and `plexus inspect`): Server-Sent Events,
 * each a JSON document, named after the interfaces below — `hello` once, `layout` whenever the
 * graph's shape changes, `tick` several times a second, `log` and `failure` as things happen,
 * `tap` with the samples of a link a client asked for, and `end` when the run is over.
 */
import type { ComponentInfo, TapSample } from '@plexus/core';

/** How a run stands. */
export type RunStatus = 'starting' | 'running' | 'completed' | 'stopped' | 'failed';

/** The bounds every tap is held to. */
export interface TapBounds {
  /** Samples kept per link (the last ones). */
  readonly last: number;
  /** At least this many milliseconds between two samples of a link. */
  readonly every: number;
  /** Each sample's text is cut to this many characters. */
  readonly maxChars: number;
}

/** `hello`: the first event of a stream. */
export interface Hello {
  readonly graph: string;
  /** This connection's id: name it when asking for a tap. */
  readonly client: string;
  readonly tap: TapBounds;
  /** Milliseconds between two ticks. */
  readonly every: number;
  readonly startedAt: number;
}

/** A node of a layout, in points, its centre at (x, y), y growing downwards. */
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

/** A composite, drawn as a box around its children. */
export interface LayoutCluster {
  readonly key: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A link between two boxes (all the replicas' links between them), drawn as one edge. */
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

/** `layout`: the graph as Graphviz lays it out (as `plexus draw` does). */
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

/** One link's counters in a tick, with its rate. */
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

/** `tick`: the run's counters now. */
export interface Tick {
  readonly at: number;
  readonly status: RunStatus;
  readonly components: readonly ComponentInfo[];
  readonly links: readonly LinkTick[];
}

/** `log`: things that happened to components. */
export interface LogEntry {
  readonly at: number;
  readonly kind: 'start' | 'end' | 'fail' | 'restart';
  readonly component: string;
  readonly text: string;
}

/** `failure`: an error, with what it names. */
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

/** `tap`: new samples of a tapped edge. */
export interface TapEvent {
  /** The edge's key. */
  readonly edge: string;
  readonly samples: readonly TapSample[];
}

/** `end`: the run is over; the stream closes after it. */
export interface End {
  readonly status: RunStatus;
  readonly message?: string;
}

/** Everything a new client is sent: the events above, as they stand. */
export interface Snapshot {
  readonly hello: Hello;
  readonly layout: Layout | undefined;
  readonly tick: Tick | undefined;
  readonly log: readonly LogEntry[];
  readonly failures: readonly Failure[];
  readonly end: End | undefined;
}
