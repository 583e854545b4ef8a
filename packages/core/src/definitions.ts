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

/** The params schema of a definition that declares none. */
export type NoParams = z.ZodObject<{}>;

/** What `defineComponent` returns: a reusable, immutable component definition. */
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

/** Boxes an instance adds to its definition's, from its params (e.g. one outbox per rule). */
export interface ParamBoxes {
  readonly inboxes?: BoxSpecs;
  readonly outboxes?: BoxSpecs;
}

/** A definition's `boxesFor`: the boxes an instance with these (validated) params adds. */
export type BoxesFor<P> = (params: P) => ParamBoxes;

/**
 * The lifecycle events a body can listen to (`ctx.events`): every component of the graph on
 * the main thread, the components of its own unit in a worker or process.
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
 */
export type Steps = Generator<unknown, void, any>;

/**
 * What a component's body returns: a promise (an `async body`), nothing, or a generator (a
 * `*body` that yields its own inboxes to wait for a message, and promises to wait for them).
 */
export type BodyResult = Promise<void> | void | Steps;

/** What `defineGraph` returns: a composite definition whose body is a graph. */
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

/** Any component or composite definition. */
export type Definition = ComponentDefinition<any, any, any> | CompositeDefinition<any, any, any>;

type IsAny<T> = 0 extends 1 & T ? true : false;

/** The inboxes a definition declares. */
export type InboxesOf<D> =
  IsAny<D> extends true ? BoxSpecs : D extends { readonly inboxes: infer I } ? I : never;
/** The outboxes a definition declares. */
export type OutboxesOf<D> =
  IsAny<D> extends true ? BoxSpecs : D extends { readonly outboxes: infer O } ? O : never;
/** The params a caller passes to a definition (defaults may be omitted). */
export type ParamsInput<D> = D extends { readonly params: infer P }
  ? [NonNullable<P>] extends [ParamsSchema]
    ? z.input<NonNullable<P>>
    : Record<string, never>
  : Record<string, never>;

/**
 * Options of `add`: the params, where the component runs, and its restart policy (on a
 * composite, the policy of its children as a group).
 */
export type AddOptions<D> = Placement & {
  readonly params?: ParamsInput<D>;
  readonly supervise?: SupervisePolicy;
};

/** `add`'s options argument: required exactly when the definition has required params. */
export type AddArgs<D> =
  {} extends ParamsInput<D>
    ? [options?: AddOptions<D>]
    : [options: AddOptions<D> & { readonly params: ParamsInput<D> }];

/** A handle to a component or composite instance in a graph. */
export interface NodeHandle<D extends Definition = Definition> {
  /** Instance name, with the names of enclosing composites: `wc/split`. */
  readonly name: string;
  readonly definition: D;
  /** Reference to one of its inboxes, for linking. */
  inbox<K extends keyof InboxesOf<D> & string>(name: K): InRef<MessageOf<InboxesOf<D>[K]>>;
  /** Reference to one of its outboxes, for linking. */
  outbox<K extends keyof OutboxesOf<D> & string>(name: K): OutRef<MessageOf<OutboxesOf<D>[K]>>;
}

/** Where graphs are built: a top-level graph, a composite's body, or a component growing its graph. */
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

/** The scope of a composite's `build`: a scope that can also name the composite's own boxes. */
export interface CompositeScope<I extends BoxSpecs = BoxSpecs, O extends BoxSpecs = BoxSpecs>
  extends Scope {
  /** The composite's own inbox, seen from inside: messages arriving there flow out of it. */
  inbox<K extends keyof I & string>(name: K): OutRef<MessageOf<I[K]>>;
  /** The composite's own outbox, seen from inside: link children's outboxes into it. */
  outbox<K extends keyof O & string>(name: K): InRef<MessageOf<O[K]>>;
}

/** The inboxes a body sees, typed from their schemas. */
export type Inboxes<I extends BoxSpecs> = { readonly [K in keyof I]: Inbox<MessageOf<I[K]>> };
/** The outboxes a body sees, typed from their schemas. */
export type Outboxes<O extends BoxSpecs> = { readonly [K in keyof O]: Outbox<MessageOf<O[K]>> };

/** What a component's body receives. */
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
