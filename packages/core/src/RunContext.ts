/**
 * What a body sees of its own run: its boxes, params, signals, waits on several boxes, progress,
 * counters and the graph's lifecycle events. `Context` adds its place in the graph.
 */
import type { Inboxes, Outboxes } from './boxTypes.ts';
import type {
  BoxSpecs,
  ComponentInfo,
  GraphEvents,
  GraphStats,
  Inbox,
  LinkInfo,
  Outbox,
} from './types.ts';

/**
 * The lifecycle events a body can listen to (`ctx.events`): every component of the graph on
 * the main thread, the components of its own unit in a worker or process.
 *
 * For components that report on others, as Node-RED's catch and status nodes do. Remove each
 * listener with `off` before the body returns.
 *
 * @example
 * ```ts
 * import { box, type ComponentInfo, defineComponent, z } from '@plexus/core';
 *
 * export const Failures = defineComponent({
 *   name: 'Failures',
 *   description: 'Sends the name of each component that fails, until its inbox ends.',
 *   inboxes: { until: box(z.unknown(), 'Ends the watch when it ends.') },
 *   outboxes: { out: box(z.string(), 'Names of failed components.') },
 *   async body({ events, inbox, outbox }) {
 *     const onFail = (info: ComponentInfo) => void outbox.out.send(info.name);
 *     events.on('component:fail', onFail);
 *     for await (const _ of inbox.until);
 *     events.off('component:fail', onFail);
 *   },
 * });
 * ```
 */
export interface GraphEventSource {
  on<E extends keyof GraphEvents>(event: E, listener: (...args: GraphEvents[E]) => void): unknown;
  off<E extends keyof GraphEvents>(event: E, listener: (...args: GraphEvents[E]) => void): unknown;
  /** The components and links seen from here now, with their states and counters. */
  stats(): { readonly components: readonly ComponentInfo[]; readonly links: readonly LinkInfo[] };
}

/**
 * The part of a body's `Context` that concerns its own run, not its place in the graph.
 *
 * Its instance name, validated params, typed inboxes and outboxes, the `signal` and `draining`
 * signals, waits on several boxes, progress, counters and lifecycle events. `Context` extends it
 * with `graph` and `self`; write bodies against `Context`.
 *
 * @example
 * ```ts
 * import type { Context } from '@plexus/core';
 *
 * export const stopped = (ctx: Context) => ctx.signal.aborted || ctx.draining.aborted;
 * ```
 */
export interface RunContext<
  I extends BoxSpecs = BoxSpecs,
  O extends BoxSpecs = BoxSpecs,
  P = unknown,
> {
  /** Instance name: `wc/split`. */
  readonly name: string;
  /** Validated params, defaults applied. */
  readonly params: P;
  readonly inbox: Inboxes<I>;
  readonly outbox: Outboxes<O>;
  /** Aborts when the component is stopped. */
  readonly signal: AbortSignal;
  /**
   * Aborts when a graceful stop begins, for every component: sources are then halted (unless
   * defined with `gracefulStop: 'drain'`), and the rest go on until their inputs end.
   */
  readonly draining: AbortSignal;
  /** Wait until one of these inboxes has a message (returns it) or all have ended (`undefined`). */
  waitAny<B extends Inbox<any>>(...inboxes: B[]): Promise<B | undefined>;
  /**
   * Wait until one of these outboxes can send without waiting (every link from it has room),
   * and return it — the first to get room wins. For a dealer that gives work to whichever
   * destination frees up first.
   */
  waitRoom<B extends Outbox<any>>(...outboxes: B[]): Promise<B>;
  /** Report progress (e.g. bytes read of a known total) to observers. */
  progress(done: number, total?: number): void;
  /**
   * Live counters of the run as seen from where this component runs: the whole graph on the
   * main thread; in a worker thread or child process, the components of that unit only.
   */
  stats(): GraphStats;
  /**
   * The graph's lifecycle events (`component:start`, `component:end`, `component:fail`,
   * `component:restart`, …), for components that report on others, as Node-RED's catch and
   * status nodes do. On the main thread (inline) it sees every component of the graph, since
   * workers and processes report theirs there; in a worker or process, only the components of
   * its own unit. Remove listeners with `off` before the body returns.
   */
  readonly events: GraphEventSource;
}
