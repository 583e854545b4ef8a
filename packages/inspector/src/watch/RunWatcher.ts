/**
 * What the inspector knows of a run, kept from the run's own events and `stats()`: every
 * `every` ms a tick (counters and rates of every link, states of every component), a new
 * layout when the graph's shape has changed (components added or removed while it runs), a
 * log of what happened to components, and the failures with what they name. Each change is
 * handed to `send`; the latest of everything is kept for clients that connect later.
 */
import type { ComponentInfo, InspectedRun, LinkInfo, PlexusError, RunResult } from '@plexus/core';
import { type GraphShape, shapeOfStats } from '../layout/graphShape.ts';
import { layoutGraph } from '../layout/layoutGraph.ts';
import type { End, Failure, Layout, LogEntry, RunStatus, Tick } from '../protocol.ts';
import { LinkMemory } from './LinkMemory.ts';

/** Entries of the log kept for late clients; failures kept. */
const LOG_KEPT = 200;
const FAILURES_KEPT = 50;
/** A new layout waits at least this long, and at least four times the last one took. */
const LAYOUT_GAP_MS = 250;
/**
 * Graphs with more components are not laid out live: Graphviz runs on the run's own thread,
 * and a layout of thousands of nodes would hold the run up for seconds.
 */
const MAX_LAID_OUT = 300;

export type Send = (event: string, data: unknown) => void;

export class RunWatcher {
  status: RunStatus = 'starting';
  layout: Layout | undefined;
  tick: Tick | undefined;
  end: End | undefined;
  readonly log: LogEntry[] = [];
  readonly failures: Failure[] = [];
  /** Links seen so far: a unit that has not reported yet does not make its links vanish. */
  private readonly links = new LinkMemory();
  private shapeKey = '';
  private layingOut = false;
  private nextLayoutAt = 0;
  /** A shape not laid out yet. */
  private wanted: { shape: GraphShape; key: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly off: (() => void)[] = [];
  /** Resolves once the run is over and its last tick and layout are sent. */
  readonly over: Promise<void>;
  private finished!: () => void;

  constructor(
    readonly run: InspectedRun,
    private readonly every: number,
    private readonly send: Send,
    /** Called after each tick (taps hand out their samples then). */
    private readonly afterTick: () => void = () => {},
  ) {
    this.over = new Promise((resolve) => {
      this.finished = resolve;
    });
  }

  start(): void {
    const g = this.run.graph;
    const on = <E extends Parameters<typeof g.on>[0]>(
      event: E,
      listener: (...args: any[]) => void,
    ) => {
      g.on(event, listener);
      this.off.push(() => g.off(event, listener));
    };
    on('start', () => {
      this.status = 'running';
    });
    on('component:start', (info: ComponentInfo) => this.note('start', info.name, 'started'));
    on('component:end', (info: ComponentInfo) =>
      this.note(
        'end',
        info.name,
        info.reason === undefined ? info.state : `${info.state} (${info.reason})`,
      ),
    );
    on('component:fail', (info: ComponentInfo, error: Error) => {
      this.note('fail', info.name, error.message);
      this.failed(error, info);
    });
    on('component:restart', (info: ComponentInfo, error: Error, restarts: number) => {
      this.note('restart', info.name, `restarted (${restarts}) after: ${error.message}`);
      this.failed(error, info, restarts);
    });
    on('link:remove', (info: LinkInfo) => this.links.forget(info.id));
    on('complete', (result: RunResult) => this.finish(result.status));
    on('fail', (error: Error) => {
      if (!this.failures.some((f) => f.message === error.message)) this.failed(error);
      this.finish('failed', error.message);
    });
    this.next();
  }

  /** Stop watching (the inspector closes). */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const off of this.off.splice(0)) off();
    this.finished();
  }

  /**
   * Sample now, and again in `every` ms — or later for a graph so big that a sample takes
   * long: watching takes at most a tenth of the run's thread.
   */
  private next(): void {
    const began = performance.now();
    this.sample();
    const took = performance.now() - began;
    if (this.end === undefined)
      this.timer = setTimeout(() => this.next(), Math.max(this.every, 10 * took));
  }

  private sample(): void {
    const stats = this.run.graph.stats();
    const links = this.links.links(stats, performance.now());
    this.tick = { at: Date.now(), status: this.status, components: stats.components, links };
    this.send('tick', this.tick);
    this.afterTick();
    const shape = shapeOfStats(this.run.graph.name, { components: stats.components, links });
    const key = JSON.stringify([
      shape.nodes.map((n) => n.key),
      shape.edges.map((e) => [e.key, e.links]),
    ]);
    this.wanted = key === this.shapeKey ? undefined : { shape, key };
    this.relayout(false);
  }

  /** Lay out the shape last seen if it changed: not too often while running; at once at the end. */
  private relayout(now: boolean): void {
    const wanted = this.wanted;
    if (wanted === undefined || this.layingOut) return;
    if (!now && performance.now() < this.nextLayoutAt) return;
    this.wanted = undefined;
    this.layingOut = true;
    const began = performance.now();
    const version = (this.layout?.version ?? 0) + 1;
    const nodes = wanted.shape.nodes.length;
    const laidOut =
      nodes > MAX_LAID_OUT
        ? Promise.resolve<Layout>({
            version,
            width: 0,
            height: 0,
            nodes: [],
            clusters: [],
            edges: [],
            tooBig: nodes,
          })
        : layoutGraph(wanted.shape, version);
    void laidOut.then(
      (layout) => {
        const took = performance.now() - began;
        this.nextLayoutAt = performance.now() + Math.max(LAYOUT_GAP_MS, 4 * took);
        this.layingOut = false;
        this.shapeKey = wanted.key;
        this.layout = layout;
        this.send('layout', layout);
        this.settled();
      },
      (error: Error) => {
        this.layingOut = false;
        this.note('fail', this.run.graph.name, `could not lay out the graph: ${error.message}`);
        this.settled();
      },
    );
  }

  /** Once the run is over: the last layout, then `over`. */
  private settled(): void {
    if (this.end === undefined) return;
    if (this.wanted !== undefined) this.relayout(true);
    else if (!this.layingOut) this.finished();
  }

  private note(kind: LogEntry['kind'], component: string, text: string): void {
    const entry: LogEntry = { at: Date.now(), kind, component, text };
    this.log.push(entry);
    if (this.log.length > LOG_KEPT) this.log.shift();
    this.send('log', entry);
  }

  private failed(error: Error, info?: ComponentInfo, restarted?: number): void {
    const facts = error as Partial<PlexusError>;
    const failure: Failure = {
      at: Date.now(),
      ...(info === undefined
        ? {}
        : { component: info.name, type: info.type, backend: info.backend }),
      ...pick(facts, ['where', 'box', 'involved', 'code']),
      ...(info?.where !== undefined && facts.where === undefined ? { where: info.where } : {}),
      name: error.name,
      message: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
      ...(restarted === undefined ? {} : { restarted }),
    };
    this.failures.push(failure);
    if (this.failures.length > FAILURES_KEPT) this.failures.shift();
    this.send('failure', failure);
  }

  private finish(status: RunStatus, message?: string): void {
    if (this.end !== undefined) return;
    this.status = status;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.sample();
    this.end = { status, ...(message === undefined ? {} : { message }) };
    this.send('end', this.end);
    this.settled();
  }
}

function pick<K extends string>(from: Partial<Record<K, unknown>>, keys: readonly K[]) {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) if (typeof from[key] === 'string') out[key] = from[key] as string;
  return out;
}
