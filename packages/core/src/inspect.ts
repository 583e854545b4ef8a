/**
 * The observation hook of a run: `graph.run({ inspect })` hands a {@link RunInspector} the
 * graph (its events and `stats()`) and a way to tap links, as the run begins. The core only
 * calls the hook; whatever watches (a web page, a log) lives outside it — `@plexus/inspector`
 * serves a live page — so the core stays platform-neutral and a run without `inspect` pays
 * nothing for it.
 */
import type { EventEmitter } from 'eventemitter3';
import type { StopOptions } from './stopOptions.ts';
import type { GraphEvents, GraphStats } from './types.ts';

/**
 * Limits of a tap: how often it samples and how much of each message it keeps.
 *
 * A tap never slows the link it watches beyond rendering one message per `every` ms as text of
 * at most `maxChars` characters.
 *
 * @example
 * ```ts
 * import type { RunInspector, TapOptions } from '@plexus/core';
 *
 * const slow: TapOptions = { every: 1000, maxChars: 200 };
 * export const firstLink: RunInspector = {
 *   attach({ tap }) {
 *     tap(1, slow, (sample) => console.error(`#${sample.seq}: ${sample.text}`));
 *   },
 * };
 * ```
 */
export interface TapOptions {
  /** At least this many milliseconds between two samples. Default 100; at least 10. */
  readonly every?: number;
  /** Each sample's text is cut to this many characters. Default 1000; at most 100,000. */
  readonly maxChars?: number;
}

/**
 * One message seen going into a link, as text.
 *
 * What a tap's listener gets: which link, when, the message's number on the link, and a
 * JSON-like rendering of it (cut to the tap's `maxChars`, with `truncated` saying so).
 *
 * @example
 * ```ts
 * import type { TapSample } from '@plexus/core';
 *
 * export const line = (s: TapSample) =>
 *   `${new Date(s.at).toISOString()} link ${s.link} #${s.seq} ${s.text}${s.truncated ? '…' : ''}`;
 * ```
 */
export interface TapSample {
  /** The link's id (as in `stats().links`). */
  readonly link: number;
  /** When it was seen: a `Date.now()` time. */
  readonly at: number;
  /** Its number on the link: the link's `sent` counter once it was accepted. */
  readonly seq: number;
  /** A JSON-like rendering of the message, cut to the tap's `maxChars`. */
  readonly text: string;
  /** True when `text` was cut. */
  readonly truncated: boolean;
}

/**
 * The graph as an inspector sees it — the `Graph` itself, less what builds and runs it: its
 * name and state, its lifecycle and link events, its live counters, and `stop()`.
 *
 * An inspector can watch and stop a run, but not change its graph.
 *
 * @example
 * ```ts
 * import type { InspectedGraph } from '@plexus/core';
 *
 * export function logEnds(graph: InspectedGraph): void {
 *   graph.on('complete', () => console.error(`${graph.name}: ${graph.stats().links.length} links`));
 * }
 * ```
 */
export interface InspectedGraph extends EventEmitter<GraphEvents> {
  readonly name: string;
  readonly state: 'building' | 'running' | 'done';
  stats(): GraphStats;
  stop(options?: StopOptions): Promise<void>;
}

/**
 * What an inspector is given as a run begins.
 *
 * The graph (events, counters, `stop()`) and `tap`, which samples the messages entering a
 * link wherever its receiving end runs.
 *
 * @example
 * ```ts
 * import { graph, type InspectedRun } from '@plexus/core';
 *
 * function watch({ graph, tap }: InspectedRun): void {
 *   graph.on('link:add', (link) => tap(link.id, { every: 500 }, (s) => console.error(link.to, s.text)));
 * }
 * await graph('g').run({ inspect: { attach: watch } });
 * ```
 */
export interface InspectedRun {
  /** The graph being run: its events (`component:start`, `link:add`, `fail`…) and `stats()`. */
  readonly graph: InspectedGraph;
  /**
   * Sample the messages going into link `id`, wherever its receiving end runs (inline, a worker
   * thread, a child process): at most one every `options.every` ms, each rendered as text cut
   * to `options.maxChars`. Returns a function that removes the tap. A link that is not found
   * (gone, or not yet made) gives no samples. Links without a tap pay nothing.
   */
  tap(id: number, options: TapOptions, listener: (sample: TapSample) => void): () => void;
}

/**
 * Watches a run: `graph.run({ inspect })` calls `attach` once, as the run begins, before any
 * component starts. `@plexus/inspector`'s `inspector()` makes one that serves a live page.
 *
 * @example
 * ```ts
 * import { graph, type RunInspector } from '@plexus/core';
 *
 * const log: RunInspector = {
 *   attach({ graph }) {
 *     graph.on('component:end', (info) => console.error(`${info.name}: ${info.state}`));
 *   },
 * };
 * await graph('g').run({ inspect: log });
 * ```
 */
export interface RunInspector {
  attach(run: InspectedRun): void;
}
