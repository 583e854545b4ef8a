/**
 * The public types of placing and running a graph: where a component runs (`Placement`,
 * `BackendName`), and what a run reports: its components' state, its result, its events and
 * its counters. Re-exported from types.ts and the package.
 */
import type { LinkInfo } from './linkTypes.ts';

/**
 * Where a component runs. `inline` (the default) is the main event loop.
 *
 * `worker` runs it in a worker thread (`@plexus/worker`), `process` in a child process
 * (`@plexus/process`); other names are backends passed to `run({ backends })` or loaded from
 * `@plexus/<name>`. The component's code is the same on every one.
 *
 * @example
 * ```ts
 * import { type BackendName, graph } from '@plexus/core';
 * import { Hash } from './components.ts';
 *
 * const backend: BackendName = process.env.HEAVY === '1' ? 'worker' : 'inline';
 * graph('g').add('hash', Hash, { backend });
 * ```
 */
export type BackendName = 'inline' | 'worker' | 'process' | (string & {});

/**
 * Placement of one component or composite: which backend, which group, how many replicas.
 *
 * Given to `add` (or in a graph file's `backend`, `group`, `replicas`), never in the
 * component's code. Components of one `group` share a worker or process; `replicas` runs
 * several copies behind one node, fed in turn, with `ordered` keeping the input order at their
 * merge. A composite's placement holds for its children that set none.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Hash, Parse } from './components.ts';
 *
 * const g = graph('g');
 * g.add('parse', Parse, { backend: 'worker', group: 'cpu' });
 * g.add('hash', Hash, { backend: 'worker', group: 'cpu', replicas: 4, ordered: true });
 * ```
 */
export interface Placement {
  /** Backend to run on. Default `inline`. */
  readonly backend?: BackendName;
  /** Components with the same group share one worker or process. */
  readonly group?: string;
  /** Run this many instances behind one logical node (worker and process backends). */
  readonly replicas?: number;
  /** Keep input order at the merge of replicas. */
  readonly ordered?: boolean;
  /** Backend-specific options (e.g. process isolation). */
  readonly options?: Readonly<Record<string, unknown>>;
  /**
   * `idle`: the component goes on only when nothing else on its thread or process has work —
   * precomputing, prefetching or compressing in idle time (Erlang's `low` process priority).
   * Default `normal`.
   */
  readonly priority?: 'normal' | 'idle';
}

/**
 * Lifecycle state of one component instance.
 *
 * `idle` before it starts, `running` while its body runs, then `ended` (its body returned),
 * `stopped` (a stop, its downstream ending, or its removal ended it; see `reason`) or `failed`.
 *
 * @example
 * ```ts
 * import { type ComponentState, graph } from '@plexus/core';
 *
 * const g = graph('g');
 * const finished: ComponentState[] = ['ended', 'stopped', 'failed'];
 * const done = g.stats().components.filter((c) => finished.includes(c.state));
 * ```
 */
export type ComponentState = 'idle' | 'running' | 'ended' | 'stopped' | 'failed';

/**
 * What observation reports about one component instance.
 *
 * In `stats().components` and every `component:*` event: its instance name, type and backend,
 * its state, and when running, what it waits on (`waiting`) and until when; `where` names the
 * thread or process of a component placed off the main thread.
 *
 * @example
 * ```ts
 * import { type ComponentInfo, graph } from '@plexus/core';
 *
 * const g = graph('g');
 * const show = (c: ComponentInfo) => `${c.name} (${c.type}, ${c.where ?? c.backend}): ${c.state}`;
 * g.on('component:end', (info) => console.error(show(info)));
 * ```
 */
export interface ComponentInfo {
  readonly name: string;
  readonly type: string;
  readonly backend: string;
  readonly state: ComponentState;
  /** Why a component stopped early: `stop`, `downstream-ended`, `removed`, `graph-failed`. */
  readonly reason?: string;
  /** How many times its supervisor has restarted it (absent when never). */
  readonly restarts?: number;
  /** Its supervisor is restarting it: it crashed, and its body will run again. */
  readonly restarting?: boolean;
  /** Where it runs when not on the main thread: `worker thread 7`, `process 4242`. */
  readonly where?: string;
  /**
   * What a running component is blocked on, if it is blocked on one of its boxes:
   * `inbox 'in'` (waiting for a message), `inbox 'in' for a message that matches (3 queued,
   * none matching)` (a selective `receive`), or `outbox 'out'` (waiting for room in a link).
   */
  readonly waiting?: string;
  /** When a wait with a timeout (`inbox.waitFor`) gives up: a `Date.now()` time. */
  readonly until?: number;
}

/**
 * How a run ended.
 *
 * What `run()` resolves with: `completed` when every component finished by itself, `stopped`
 * when `stop()` or the run's `signal` ended it. A failure rejects instead.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Print, Read } from './components.ts';
 *
 * const g = graph('g');
 * g.pipeline(g.add('read', Read), g.add('print', Print));
 * const { status } = await g.run({ signal: AbortSignal.timeout(60_000) });
 * if (status === 'stopped') console.error('timed out');
 * ```
 */
export interface RunResult {
  /** `completed`: every component finished by itself; `stopped`: `stop()` or a signal ended it. */
  readonly status: 'completed' | 'stopped';
}

/**
 * Events a graph emits (eventemitter3).
 *
 * Each key is an event name, each value its listener's arguments. Components placed on a
 * worker or process report theirs to the main thread, so a listener on the graph sees every
 * component wherever it runs.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 *
 * const g = graph('g');
 * g.on('component:fail', (info, error) => console.error(`${info.name} failed: ${error.message}`));
 * g.on('component:restart', (info, _error, restarts) => console.error(`${info.name} restart ${restarts}`));
 * g.on('complete', ({ status }) => console.error(`run ${status}`));
 * ```
 */
export interface GraphEvents {
  start: [];
  complete: [result: RunResult];
  fail: [error: Error];
  'component:start': [info: ComponentInfo];
  'component:end': [info: ComponentInfo];
  'component:fail': [info: ComponentInfo, error: Error];
  /** A supervised component crashed (`error` says how) and is being restarted. */
  'component:restart': [info: ComponentInfo, error: Error, restarts: number];
  'component:progress': [info: ComponentInfo, done: number, total: number | undefined];
  'link:add': [info: LinkInfo];
  'link:remove': [info: LinkInfo];
}

/**
 * A snapshot of live counters.
 *
 * What `graph.stats()` (and a body's `ctx.stats()`) returns: every component with its state and
 * every physical link with its counters, at the moment of the call.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 *
 * const g = graph('g');
 * const { components, links } = g.stats();
 * const queued = links.reduce((sum, link) => sum + link.queued, 0);
 * console.error(`${components.length} components, ${queued} messages queued`);
 * ```
 */
export interface GraphStats {
  readonly components: ComponentInfo[];
  readonly links: LinkInfo[];
}
