import { EventEmitter } from 'eventemitter3';
import type { AddArgs } from './AddOptions.ts';
import type { Definition, NodeHandle, Scope } from './Definition.ts';
import { DEFAULT_CAPACITY } from './defaults.ts';
import type { InspectedGraph } from './inspect.ts';
import { Network } from './internal/Network.ts';
import { ScopeImpl } from './internal/ScopeImpl.ts';
import { capacityChosenForAll } from './internal/units/crossingCapacity.ts';
import type { PipelineNodes } from './PipelineNodes.ts';
import type { RunOptions } from './runOptions.ts';
import { fullPolicy, type SupervisePolicy } from './SupervisePolicy.ts';
import type { StopOptions } from './stopOptions.ts';
import type {
  GraphEvents,
  GraphStats,
  InRef,
  LinkHandle,
  LinkOptions,
  OutRef,
  RunResult,
} from './types.ts';

/**
 * Options of a graph.
 *
 * The default capacity of its links, and a restart policy for its components as a group. Both
 * can be set per link (`link(…, { capacity })`) and per component (`add(…, { supervise })`).
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Parse, Read } from './components.ts';
 *
 * const g = graph('ingest', { capacity: 256, supervise: { strategy: 'one-for-all', maxRestarts: 2 } });
 * g.pipeline(g.add('read', Read), g.add('parse', Parse));
 * ```
 */
export interface GraphOptions {
  /**
   * Capacity of links that do not set their own. Default {@link DEFAULT_CAPACITY} (64) inline,
   * and 1,024 for a link that crosses a thread or process boundary (a window there costs a
   * round trip). Given here, it holds for every link, crossing or not.
   */
  readonly capacity?: number;
  /**
   * A restart policy for the graph's components as a group (a component or composite added
   * with its own policy is supervised by that first). Without one, a crash fails the graph.
   */
  readonly supervise?: SupervisePolicy;
}

/**
 * A graph of component instances and the links between them, and its run.
 *
 * Build it with `add` and `link` (or `pipeline`), then `run()`: every component starts, and
 * the run completes when all have finished — a body that returns closes its outboxes, and
 * an inbox ends once every link into it has closed and it is drained. The graph can be
 * changed while it runs. `stop()` cancels (components see their `signal` abort), or with
 * `{ graceful: true }` stops only the sources and lets what is in flight drain. Lifecycle and
 * link events are emitted (eventemitter3), and `stats()` reads every link's counters.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Lines, Print, Upper } from './components.ts';
 *
 * const g = graph('shout');
 * g.pipeline(g.add('read', Lines, { params: { text: 'a\nb' } }), g.add('upper', Upper), g.add('print', Print));
 * g.on('component:end', (c) => console.error(`${c.name} ${c.state}`));
 * await g.run();
 * ```
 */
export class Graph extends EventEmitter<GraphEvents> implements Scope, InspectedGraph {
  readonly name: string;
  readonly #net: Network;
  readonly #scope: ScopeImpl;

  constructor(name = 'graph', options: GraphOptions = {}) {
    super();
    this.name = name;
    this.#net = new Network(name, this, options.capacity ?? DEFAULT_CAPACITY);
    if (options.capacity !== undefined) capacityChosenForAll(this.#net);
    if (options.supervise !== undefined)
      this.#net.supervise = fullPolicy(options.supervise, `graph '${name}'`);
    this.#scope = new ScopeImpl(this.#net, '', `Graph '${name}'`, undefined, {});
    this.#net.root = this.#scope;
  }

  /** `building` until `run()`, `running`, then `done`. */
  get state(): 'building' | 'running' | 'done' {
    return this.#net.state;
  }

  add<D extends Definition>(name: string, definition: D, ...options: AddArgs<D>): NodeHandle<D> {
    return this.#scope.add(name, definition, options[0]) as NodeHandle<D>;
  }

  link<T>(from: OutRef<T>, to: InRef<T>, options?: LinkOptions): LinkHandle;
  link(from: string, to: InRef<any> | string, options?: LinkOptions): LinkHandle;
  link(from: OutRef<any>, to: string, options?: LinkOptions): LinkHandle;
  link(
    from: OutRef<unknown> | string,
    to: InRef<unknown> | string,
    options?: LinkOptions,
  ): LinkHandle {
    return this.#scope.link(from, to, options);
  }

  unlink(link: LinkHandle): void {
    this.#scope.unlink(link);
  }

  remove(node: NodeHandle | string): void {
    this.#scope.remove(node);
  }

  node(name: string): NodeHandle {
    return this.#scope.node(name);
  }

  pipeline<const N extends readonly NodeHandle<any>[]>(
    ...nodes: N & PipelineNodes<N>
  ): LinkHandle[] {
    return this.#scope.pipeline(...(nodes as readonly NodeHandle[]));
  }

  /** Run to completion. Resolves with how it ended; rejects with the first component failure. */
  run(options: RunOptions = {}): Promise<RunResult> {
    const net = this.#net;
    const inspect = options.inspect;
    return net.run(
      options,
      inspect &&
        (() => inspect.attach({ graph: this, tap: (id, o, listener) => net.tap(id, o, listener) })),
    );
  }

  /** Stop the run (hard by default). Resolves once every component has finished. */
  stop(options: StopOptions = {}): Promise<void> {
    return this.#net.stop(options);
  }

  /** Live counters of every component and link. */
  stats(): GraphStats {
    return this.#net.stats();
  }
}

/**
 * Create an empty graph. Same as `new Graph(name, options)`.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Print, Read } from './components.ts';
 *
 * const g = graph('copy', { capacity: 16 });
 * g.pipeline(g.add('read', Read), g.add('print', Print));
 * await g.run();
 * ```
 */
export function graph(name?: string, options?: GraphOptions): Graph {
  return new Graph(name, options);
}
