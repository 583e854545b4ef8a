/**
 * Types of component and composite definitions, of the context a body receives, and of the
 * scope graphs are built in. Everything here is inferred from the zod schemas a definition
 * declares.
 */
import type { z } from 'zod';
import type { PipelineNodes } from './PipelineNodes.ts';
import type { SupervisePolicy } from './SupervisePolicy.ts';
import type {
  BoxSpecs,
  ComponentInfo,
  GraphEvents,
  GraphStats,
  Inbox,
  InRef,
  LinkHandle,
  LinkInfo,
  LinkOptions,
  MessageOf,
  Outbox,
  OutRef,
  ParamsSchema,
  Placement,
} from './types.ts';

/**
 * The params schema of a definition that declares none.
 *
 * An empty zod object: such a definition is added without `params`, and its body's `params` is
 * `{}`. It is the default of the `P` parameter of the definition types.
 *
 * @example
 * ```ts
 * import type { ComponentDefinition, NoParams } from '@plexus/core';
 * import { Print } from './components.ts';
 *
 * export const sink: ComponentDefinition<typeof Print.inboxes, {}, NoParams> = Print;
 * ```
 */
export type NoParams = z.ZodObject<{}>;

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
 * Boxes an instance adds to its definition's, from its params (e.g. one outbox per rule).
 *
 * What a definition's `boxesFor` returns: inboxes and outboxes to add to those it declares, for
 * this instance only. They are not in the definition's types, so code links them by name.
 *
 * @example
 * ```ts
 * import { box, type ParamBoxes, z } from '@plexus/core';
 *
 * export const outboxPerRule = (params: { rules: string[] }): ParamBoxes => ({
 *   outboxes: Object.fromEntries(params.rules.map((r) => [r, box(z.unknown(), `Messages matching ${r}.`)])),
 * });
 * ```
 */
export interface ParamBoxes {
  readonly inboxes?: BoxSpecs;
  readonly outboxes?: BoxSpecs;
}

/**
 * A definition's `boxesFor`: the boxes an instance with these (validated) params adds.
 *
 * It must be a pure function of the params: a worker or process calls it again to rebuild the
 * same instance. Used by components configured from graph files, such as a switch with one
 * outbox per rule.
 *
 * @example
 * ```ts
 * import { box, type BoxesFor, defineComponent, z } from '@plexus/core';
 *
 * const params = z.object({ topics: z.array(z.string()) });
 * const boxesFor: BoxesFor<z.output<typeof params>> = ({ topics }) => ({
 *   outboxes: Object.fromEntries(topics.map((t) => [t, box(z.string(), `Messages on ${t}.`)])),
 * });
 * export const ByTopic = defineComponent({
 *   name: 'ByTopic',
 *   description: 'Sends each "topic: text" line to the outbox of its topic.',
 *   inboxes: { in: box(z.string(), 'Lines.') },
 *   params,
 *   boxesFor,
 *   async body({ inbox, outbox }) {
 *     const out = outbox as Record<string, { send(m: string): Promise<void> }>;
 *     for await (const line of inbox.in) await out[line.split(':')[0]!]?.send(line);
 *   },
 * });
 * ```
 */
export type BoxesFor<P> = (params: P) => ParamBoxes;

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
 * What a generator body (`*body`) returns. In TypeScript, annotate the body with it — `*body(ctx):
 * Steps` — so what `yield` gives back is typed (`true`/`false` for an inbox, a promise's value).
 *
 * A generator body yields one of its inboxes where an async body would `await inbox.wait()`,
 * and a promise where it would `await` it: the scheduler resumes it without a promise per
 * message, which is cheaper for components that handle many small messages.
 *
 * @example
 * ```ts
 * import { box, defineComponent, type Steps, z } from '@plexus/core';
 *
 * export const Twice = defineComponent({
 *   name: 'Twice',
 *   description: 'Doubles numbers, as a generator.',
 *   inboxes: { in: box(z.number(), 'Numbers.') },
 *   outboxes: { out: box(z.number(), 'Doubled.') },
 *   *body({ inbox, outbox }): Steps {
 *     while (yield inbox.in) while (inbox.in.dataReady()) yield outbox.out.send(inbox.in.recv() * 2);
 *   },
 * });
 * ```
 */
export type Steps = Generator<unknown, void, any>;

/**
 * What a component's body returns: a promise (an `async body`), nothing, or a generator (a
 * `*body` that yields its own inboxes to wait for a message, and promises to wait for them).
 *
 * When the promise settles (or the generator returns, or a plain body returns) the component
 * has ended and its outboxes close; a rejection or a throw fails it.
 *
 * @example
 * ```ts
 * import { type BodyResult, box, defineComponent, z } from '@plexus/core';
 *
 * const hello = ({ outbox }: { outbox: { out: { send(m: string): Promise<void> } } }): BodyResult =>
 *   outbox.out.send('hello');
 * export const Hello = defineComponent({
 *   name: 'Hello',
 *   description: 'Sends one greeting.',
 *   outboxes: { out: box(z.string(), 'A greeting.') },
 *   body: hello,
 * });
 * ```
 */
export type BodyResult = Promise<void> | void | Steps;

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

type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * The inboxes a definition declares.
 *
 * The record of its inbox specs, for typing code that works on any definition's boxes (with
 * {@link MessageOf}, the message type of one of them).
 *
 * @example
 * ```ts
 * import type { InboxesOf, MessageOf } from '@plexus/core';
 * import { Double } from './components.ts';
 *
 * type In = MessageOf<InboxesOf<typeof Double>['in']>; // number
 * export const first: In = 1;
 * ```
 */
export type InboxesOf<D> =
  IsAny<D> extends true ? BoxSpecs : D extends { readonly inboxes: infer I } ? I : never;
/**
 * The outboxes a definition declares.
 *
 * The record of its outbox specs; with {@link MessageOf}, the message type of one of them.
 *
 * @example
 * ```ts
 * import type { MessageOf, OutboxesOf } from '@plexus/core';
 * import { Upper } from './components.ts';
 *
 * type Out = MessageOf<OutboxesOf<typeof Upper>['out']>; // string
 * export const sample: Out = 'HELLO';
 * ```
 */
export type OutboxesOf<D> =
  IsAny<D> extends true ? BoxSpecs : D extends { readonly outboxes: infer O } ? O : never;
/**
 * The params a caller passes to a definition (defaults may be omitted).
 *
 * The zod input type of its params schema, or an empty record for a definition without params.
 * `add` and `runComponent` take this, and the instance sees the output type, defaults applied.
 *
 * @example
 * ```ts
 * import type { ParamsInput } from '@plexus/core';
 * import { Count, Grep } from './components.ts';
 *
 * export const grep: ParamsInput<typeof Grep> = { pattern: 'ERROR' };
 * export const count: ParamsInput<typeof Count> = {}; // `to` has a default
 * ```
 */
export type ParamsInput<D> = D extends { readonly params: infer P }
  ? [NonNullable<P>] extends [ParamsSchema]
    ? z.input<NonNullable<P>>
    : Record<string, never>
  : Record<string, never>;

/**
 * Options of `add`: the params, where the component runs, and its restart policy (on a
 * composite, the policy of its children as a group).
 *
 * A {@link Placement} plus `params` (checked against the definition's schema when added) and
 * `supervise`. The same fields make up an instance in a graph file.
 *
 * @example
 * ```ts
 * import { type AddOptions, graph } from '@plexus/core';
 * import { Count } from './components.ts';
 *
 * const options: AddOptions<typeof Count> = {
 *   params: { to: 10 },
 *   backend: 'worker',
 *   supervise: { maxRestarts: 3 },
 * };
 * graph('g').add('count', Count, options);
 * ```
 */
export type AddOptions<D> = Placement & {
  readonly params?: ParamsInput<D>;
  readonly supervise?: SupervisePolicy;
};

/**
 * `add`'s options argument: required exactly when the definition has required params.
 *
 * So forgetting a required param does not compile, while a definition whose params all have
 * defaults can be added without options.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Count, Grep } from './components.ts';
 *
 * const g = graph('g');
 * g.add('count', Count); // every param has a default
 * g.add('grep', Grep, { params: { pattern: 'x' } }); // `pattern` is required
 * ```
 */
export type AddArgs<D> =
  {} extends ParamsInput<D>
    ? [options?: AddOptions<D>]
    : [options: AddOptions<D> & { readonly params: ParamsInput<D> }];

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
 * The inboxes a body sees, typed from their schemas.
 *
 * `ctx.inbox`: one {@link Inbox} per declared inbox, of its schema's output type.
 *
 * @example
 * ```ts
 * import { box, type Inboxes, z } from '@plexus/core';
 *
 * const inboxes = { in: box(z.number(), 'Numbers.') };
 * export async function total(inbox: Inboxes<typeof inboxes>): Promise<number> {
 *   let sum = 0;
 *   for await (const n of inbox.in) sum += n;
 *   return sum;
 * }
 * ```
 */
export type Inboxes<I extends BoxSpecs> = { readonly [K in keyof I]: Inbox<MessageOf<I[K]>> };
/**
 * The outboxes a body sees, typed from their schemas.
 *
 * `ctx.outbox`: one {@link Outbox} per declared outbox; sending a value its schema does not
 * describe does not compile.
 *
 * @example
 * ```ts
 * import { box, type Outboxes, z } from '@plexus/core';
 *
 * const outboxes = { out: box(z.string(), 'Greetings.') };
 * export async function greet(outbox: Outboxes<typeof outboxes>, names: string[]): Promise<void> {
 *   for (const name of names) await outbox.out.send(`hello ${name}`);
 * }
 * ```
 */
export type Outboxes<O extends BoxSpecs> = { readonly [K in keyof O]: Outbox<MessageOf<O[K]>> };

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
export interface Context<
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
  /** The scope this component lives in, to grow the graph while it runs. */
  readonly graph: Scope;
  /** This component's own handle, e.g. to link its outbox to a component it adds. */
  readonly self: NodeHandle<ComponentDefinition<I, O, any>>;
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
