/**
 * Definitions and the scopes they are added to. These types refer to each other — a body's
 * context grows the graph it runs in, and a composite's build fills a scope with definitions —
 * so they live together; everything they use is in files of their own (`RunContext.ts`,
 * `AddOptions.ts`, `boxTypes.ts`, `paramTypes.ts`, `BodyResult.ts`).
 */
import type { z } from 'zod';
import type { AddArgs } from './AddOptions.ts';
import type { BodyResult } from './BodyResult.ts';
import type { InboxesOf, OutboxesOf } from './boxTypes.ts';
import type { PipelineNodes } from './PipelineNodes.ts';
import type { BoxesFor } from './paramTypes.ts';
import type { RunContext } from './RunContext.ts';
import type {
  BoxSpecs,
  InRef,
  LinkHandle,
  LinkOptions,
  MessageOf,
  OutRef,
  ParamsSchema,
} from './types.ts';

/**
 * What `defineComponent` returns: a reusable, immutable component definition.
 *
 * Add it to as many graphs, under as many names, as you like. `source` is the module it was
 * defined in, found from the call stack: a worker or process imports the definition from there
 * by its export name, so a definition placed off the main thread must be exported from its own
 * module. The type parameters carry the boxes and params, so links and params are checked.
 *
 * @example
 * ```ts
 * import type { ComponentDefinition } from '@plexus/core';
 * import { Upper } from './components.ts';
 *
 * const describe = (d: ComponentDefinition) =>
 *   `${d.name}: ${d.description} (in: ${Object.keys(d.inboxes).join(', ')})`;
 * console.log(describe(Upper));
 * ```
 */
export interface ComponentDefinition<
  I extends BoxSpecs = BoxSpecs,
  O extends BoxSpecs = BoxSpecs,
  P extends ParamsSchema = ParamsSchema,
> {
  readonly kind: 'component';
  readonly name: string;
  readonly description: string;
  readonly inboxes: I;
  readonly outboxes: O;
  readonly params: P | undefined;
  readonly body: (context: Context<I, O, z.output<P>>) => BodyResult;
  /** What a graceful stop does to it when it is a source (nothing linked in): see `defineComponent`. */
  readonly gracefulStop: 'halt' | 'drain';
  /** Module (file path or URL) the definition was created in, found from the call stack. */
  readonly source: string | undefined;
  /** Boxes that depend on the params, if any: see `defineComponent` and `specialize`. */
  readonly boxesFor?: BoxesFor<any>;
}

/**
 * What `defineGraph` returns: a composite definition whose body is a graph.
 *
 * It is added, linked and placed like a component. `build` runs once per instance, when it is
 * added, with the instance's validated params; links through its exported boxes become direct
 * links between its children, so a composite costs nothing at run time.
 *
 * @example
 * ```ts
 * import type { CompositeDefinition } from '@plexus/core';
 * import { defineGraph } from '@plexus/core';
 * import { Double, Numbers } from './components.ts';
 *
 * export const Evens: CompositeDefinition = defineGraph({
 *   name: 'Evens',
 *   description: 'Sends 2, 4 and 6.',
 *   outboxes: { out: Double.outboxes.out },
 *   build(graph) {
 *     const double = graph.add('double', Double);
 *     graph.pipeline(graph.add('numbers', Numbers), double);
 *     graph.link(double.outbox('out'), graph.outbox('out'));
 *   },
 * });
 * ```
 */
export interface CompositeDefinition<
  I extends BoxSpecs = BoxSpecs,
  O extends BoxSpecs = BoxSpecs,
  P extends ParamsSchema = ParamsSchema,
> {
  readonly kind: 'graph';
  readonly name: string;
  readonly description: string;
  readonly inboxes: I;
  readonly outboxes: O;
  readonly params: P | undefined;
  readonly build: (graph: CompositeScope<I, O>, params: z.output<P>) => void;
  readonly source: string | undefined;
}

/**
 * Any component or composite definition.
 *
 * What `add`, `runComponent` and the backends accept. Tell them apart by `kind`: `'component'`
 * or `'graph'`.
 *
 * @example
 * ```ts
 * import type { Definition } from '@plexus/core';
 *
 * export const what = (d: Definition) =>
 *   d.kind === 'component' ? `component ${d.name}` : `composite ${d.name}`;
 * ```
 */
export type Definition = ComponentDefinition<any, any, any> | CompositeDefinition<any, any, any>;

/**
 * A handle to a component or composite instance in a graph.
 *
 * What `add` returns. `inbox(name)` and `outbox(name)` give typed references for `link`; a box
 * name the definition does not declare does not compile. `definition` is the one added, with
 * the boxes its params configure.
 *
 * @example
 * ```ts
 * import { graph, type NodeHandle } from '@plexus/core';
 * import { Print, Upper } from './components.ts';
 *
 * const g = graph('g');
 * const upper: NodeHandle<typeof Upper> = g.add('upper', Upper);
 * g.link(upper.outbox('out'), g.add('print', Print).inbox('in'));
 * console.log(upper.name); // upper
 * ```
 */
export interface NodeHandle<D extends Definition = Definition> {
  /** Instance name, with the names of enclosing composites: `wc/split`. */
  readonly name: string;
  readonly definition: D;
  /** Reference to one of its inboxes, for linking. */
  inbox<K extends keyof InboxesOf<D> & string>(name: K): InRef<MessageOf<InboxesOf<D>[K]>>;
  /** Reference to one of its outboxes, for linking. */
  outbox<K extends keyof OutboxesOf<D> & string>(name: K): OutRef<MessageOf<OutboxesOf<D>[K]>>;
}

/**
 * Where graphs are built: a top-level graph, a composite's body, or a component growing its graph.
 *
 * The same methods everywhere: `add`, `link`, `pipeline`, `unlink`, `remove`, `node`. Names are
 * unique within a scope; inside a composite they are prefixed with its name (`wc/split`). A
 * running component reaches its scope as `ctx.graph`, to add and link components as it goes.
 *
 * @example
 * ```ts
 * import { type Scope, graph } from '@plexus/core';
 * import { Print, Read, Upper } from './components.ts';
 *
 * function shout(scope: Scope): void {
 *   scope.pipeline(scope.add('read', Read), scope.add('upper', Upper), scope.add('print', Print));
 * }
 * const g = graph('g');
 * shout(g);
 * await g.run();
 * ```
 */
export interface Scope {
  /** Add an instance of a definition under a name unique in this scope. */
  add<D extends Definition>(name: string, definition: D, ...options: AddArgs<D>): NodeHandle<D>;
  /** Link an outbox to an inbox. Fan-out and fan-in are just more links. */
  link<T>(from: OutRef<T>, to: InRef<T>, options?: LinkOptions): LinkHandle;
  /** Link by name: `link('read.out', 'split.in')`; `self.<box>` names a composite's own box. */
  link(from: string, to: InRef<any> | string, options?: LinkOptions): LinkHandle;
  link(from: OutRef<any>, to: string, options?: LinkOptions): LinkHandle;
  /** Remove a link. Messages already in it are still delivered. */
  unlink(link: LinkHandle): void;
  /** Remove an instance: stop it if running and remove its links. */
  remove(node: NodeHandle | string): void;
  /** The instance with this name in this scope. */
  node(name: string): NodeHandle;
  /**
   * Link each node's default outbox (`out`, or its only one) to the next one's default inbox.
   * Like `link`, a pair whose message types do not fit does not compile.
   */
  pipeline<const N extends readonly NodeHandle<any>[]>(
    ...nodes: N & PipelineNodes<N>
  ): LinkHandle[];
}

/**
 * The scope of a composite's `build`: a scope that can also name the composite's own boxes.
 *
 * Seen from inside, the composite's inbox is an outbox (messages arriving there flow out of
 * it into the children linked to it), and its outbox an inbox (children link into it).
 *
 * @example
 * ```ts
 * import { box, type CompositeScope, defineGraph, z } from '@plexus/core';
 * import { Upper } from './components.ts';
 *
 * const boxes = { in: box(z.string(), 'Lines.') };
 * const outs = { out: box(z.string(), 'Lines, upper-cased.') };
 * function build(graph: CompositeScope<typeof boxes, typeof outs>): void {
 *   const upper = graph.add('upper', Upper);
 *   graph.link(graph.inbox('in'), upper.inbox('in'));
 *   graph.link(upper.outbox('out'), graph.outbox('out'));
 * }
 * export const Loud = defineGraph({ name: 'Loud', description: 'Upper-cases.', inboxes: boxes, outboxes: outs, build });
 * ```
 */
export interface CompositeScope<I extends BoxSpecs = BoxSpecs, O extends BoxSpecs = BoxSpecs>
  extends Scope {
  /** The composite's own inbox, seen from inside: messages arriving there flow out of it. */
  inbox<K extends keyof I & string>(name: K): OutRef<MessageOf<I[K]>>;
  /** The composite's own outbox, seen from inside: link children's outboxes into it. */
  outbox<K extends keyof O & string>(name: K): InRef<MessageOf<O[K]>>;
}

/**
 * What a component's body receives.
 *
 * Its typed inboxes and outboxes, its validated params, its instance name, a `signal` that
 * aborts when it is stopped and `draining` when a graceful stop begins, its scope (`graph`) to
 * grow the graph while it runs, waits on several boxes (`waitAny`, `waitRoom`), progress,
 * counters and lifecycle events.
 *
 * @example
 * ```ts
 * import { box, defineComponent, z } from '@plexus/core';
 *
 * export const Clock = defineComponent({
 *   name: 'Clock',
 *   description: 'Sends the time every `ms` milliseconds until stopped.',
 *   outboxes: { out: box(z.number(), 'Date.now() times.') },
 *   params: z.object({ ms: z.number().default(1000) }),
 *   async body({ outbox, params, signal }) {
 *     while (!signal.aborted) {
 *       await outbox.out.send(Date.now());
 *       await new Promise((resolve) => setTimeout(resolve, params.ms));
 *     }
 *   },
 * });
 * ```
 */
export interface Context<I extends BoxSpecs = BoxSpecs, O extends BoxSpecs = BoxSpecs, P = unknown>
  extends RunContext<I, O, P> {
  /** The scope this component lives in, to grow the graph while it runs. */
  readonly graph: Scope;
  /** This component's own handle, e.g. to link its outbox to a component it adds. */
  readonly self: NodeHandle<ComponentDefinition<I, O, any>>;
}
