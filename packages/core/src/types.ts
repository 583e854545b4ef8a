/**
 * The public types of Plexus: boxes, definitions, the context a body receives, references to
 * boxes for linking, and what observation reports. Types flow from zod schemas, so linking an
 * outbox to an inbox of another type, sending a value that does not fit, or naming a box that
 * does not exist fails to compile.
 */
import type { z } from 'zod';

/**
 * A box declaration: the schema of its messages and a one-line description.
 *
 * Make one with `box(schema, description)`. The schema types the box (a body's `send` and
 * `for await` see `z.output` of it) and, in checked mode, validates every message sent on an
 * outbox; the description is what `plexus describe`, the reference pages and the inspector
 * show. An optional outbox drops sends while unlinked; an optional inbox may stay unlinked.
 *
 * @example
 * ```ts
 * import { type BoxSpec, box, z } from '@plexus/core';
 *
 * export const celsius: BoxSpec<z.ZodNumber> = box(z.number(), 'Temperatures in °C.');
 * export const alerts = box(z.string(), 'Alerts, if anyone listens.', { optional: true });
 * ```
 */
export interface BoxSpec<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly description: string;
  /**
   * Outbox: sending while unlinked drops the message instead of failing.
   * Inbox: may be left unlinked (it then ends at once) even in checked mode.
   */
  readonly optional?: boolean;
}

/**
 * A record of named boxes.
 *
 * What a definition's `inboxes` and `outboxes` are: each key is a box name (a letter or `_`,
 * then letters, digits, `_` or `-`), each value a {@link BoxSpec}. Its literal type is kept, so
 * `inbox.in`, `outbox.out` and `node.inbox('in')` are checked against the names it declares.
 *
 * @example
 * ```ts
 * import { type BoxSpecs, box, z } from '@plexus/core';
 *
 * export const boxes = {
 *   in: box(z.string(), 'Lines of text.'),
 *   errors: box(z.string(), 'Lines that could not be parsed.'),
 * } satisfies BoxSpecs;
 * ```
 */
export type BoxSpecs = Readonly<Record<string, BoxSpec>>;

/**
 * The type of message a box carries.
 *
 * The output type of the box's zod schema (defaults applied, transforms run), or `never` for
 * something that is not a box. Use it to type helpers that take or make a box's messages.
 *
 * @example
 * ```ts
 * import { box, type MessageOf, z } from '@plexus/core';
 *
 * const reading = box(z.object({ sensor: z.string(), value: z.number() }), 'A reading.');
 * export const sample: MessageOf<typeof reading> = { sensor: 'hall', value: 21.5 };
 * ```
 */
export type MessageOf<B> = B extends BoxSpec<infer S> ? z.output<S> : never;

/**
 * A params schema: a zod object, usually with defaults.
 *
 * A definition's `params` is validated once per instance, when it is added (or when a graph
 * file is loaded), with defaults applied; the body then sees `z.output` of it as `params`.
 * Keep params plain data: a worker or process rebuilds the instance from them.
 *
 * @example
 * ```ts
 * import { type ParamsSchema, z } from '@plexus/core';
 *
 * export const params = z.object({
 *   pattern: z.string(),
 *   ignoreCase: z.boolean().default(false),
 * }) satisfies ParamsSchema;
 * ```
 */
export type ParamsSchema = z.ZodObject;

/**
 * Buffers a send may transfer: ownership moves with the message; the sender's copy is detached.
 *
 * The same on every backend, so a component behaves alike wherever it is placed: after
 * `send(message, { transfer: [buffer] })` the sender's buffer is empty (detached) inline, in a
 * worker and in a process. Transfer only buffers you own (not a view on Node's shared pool).
 *
 * @example
 * ```ts
 * import type { TransferList } from '@plexus/core';
 *
 * const frame = new Uint8Array(1024);
 * export const transfer: TransferList = [frame.buffer];
 * ```
 */
export type TransferList = readonly (ArrayBuffer | ArrayBufferView)[];

/**
 * Options of a single send.
 *
 * Today one option: `transfer`, the buffers whose ownership moves with the message instead of
 * being shared (inline) or copied (across a thread or process).
 *
 * @example
 * ```ts
 * import { box, defineComponent, z } from '@plexus/core';
 *
 * export const Frames = defineComponent({
 *   name: 'Frames',
 *   description: 'Sends three 1 KB frames, moving each buffer with its message.',
 *   outboxes: { out: box(z.instanceof(Uint8Array), 'Frames.') },
 *   async body({ outbox }) {
 *     for (let i = 0; i < 3; i++) {
 *       const frame = new Uint8Array(1024).fill(i);
 *       await outbox.out.send(frame, { transfer: [frame.buffer] });
 *     }
 *   },
 * });
 * ```
 */
export interface SendOptions {
  /** Move these buffers with the message instead of sharing or copying them. */
  readonly transfer?: TransferList;
}

/**
 * What a selective `receive` looks for: a predicate (a type guard narrows the result), or a zod
 * schema the message must fit.
 *
 * @example
 * ```ts
 * import { type Match, z } from '@plexus/core';
 *
 * type Job = { kind: 'urgent' | 'later'; id: number };
 * export const urgent: Match<Job> = (job) => job.kind === 'urgent';
 * export const first: Match<Job> = z.object({ id: z.literal(1) });
 * ```
 */
export type Match<T> = ((message: T) => boolean) | z.ZodType;

/**
 * Options of a selective `receive`: with a `timeout`, it may resolve `'timeout'` (Erlang's
 * `after`).
 *
 * @example
 * ```ts
 * import type { Inbox, ReceiveOptions } from '@plexus/core';
 *
 * const halfASecond: ReceiveOptions = { timeout: 500 };
 * export async function ack(inbox: Inbox<{ ack?: number }>): Promise<number | undefined> {
 *   const got = await inbox.receive((m) => m.ack !== undefined, halfASecond);
 *   return got === 'timeout' ? undefined : got?.ack;
 * }
 * ```
 */
export interface ReceiveOptions {
  /** Give up after this many milliseconds: `receive` then resolves `'timeout'`. */
  readonly timeout?: number;
}

/**
 * What `receive(match)` resolves with: the first message that matches, narrowed by a type
 * guard or by the zod schema's output.
 *
 * @example
 * ```ts
 * import type { Matched } from '@plexus/core';
 *
 * type Shape = { kind: 'circle'; r: number } | { kind: 'square'; side: number };
 * const isCircle = (s: Shape): s is Extract<Shape, { kind: 'circle' }> => s.kind === 'circle';
 * export const circle: Matched<Shape, typeof isCircle> = { kind: 'circle', r: 1 };
 * ```
 */
export type Matched<T, M> = M extends (message: any) => message is infer U
  ? U
  : M extends z.ZodType
    ? T & z.output<M>
    : T;

/**
 * A component's view of one of its inboxes.
 *
 * Two styles: `for await (const m of inbox)` for clarity, or the Kamaelia style
 * `while (await inbox.wait()) while (inbox.dataReady()) use(inbox.recv())` that drains a box
 * synchronously and awaits only when it is empty. The inbox ends (the loop finishes, `wait()`
 * resolves `false`) once every link into it has closed and it is drained. `receive(match)`
 * takes the first message that matches, Erlang style, leaving the others in order.
 *
 * @example
 * ```ts
 * import { box, defineComponent, z } from '@plexus/core';
 *
 * export const Sum = defineComponent({
 *   name: 'Sum',
 *   description: 'Sums numbers, taking each batch that is ready without awaiting.',
 *   inboxes: { in: box(z.number(), 'Numbers.') },
 *   outboxes: { out: box(z.number(), 'The total, at the end.') },
 *   async body({ inbox, outbox }) {
 *     let total = 0;
 *     while (await inbox.in.wait()) while (inbox.in.dataReady()) total += inbox.in.recv();
 *     await outbox.out.send(total);
 *   },
 * });
 * ```
 */
export interface Inbox<T> extends AsyncIterable<T> {
  /** The inbox's name. */
  readonly name: string;
  /** Messages waiting now. */
  readonly size: number;
  /** True when at least one message is waiting, so `recv()` will not throw. */
  dataReady(): boolean;
  /** Take the next waiting message. Throws `ERR_RECV_EMPTY` when none is waiting. */
  recv(): T;
  /** Resolves `true` once a message is waiting, `false` at end of stream. */
  wait(): Promise<boolean>;
  /**
   * Like `wait()`, but gives up after `ms` milliseconds: resolves `'timeout'` if no message
   * came and the stream did not end by then. While it waits, the component is waiting on a
   * timer as much as on its inbox, so deadlock detection does not count it as stuck.
   */
  waitFor(ms: number): Promise<boolean | 'timeout'>;
  /**
   * Selective receive, as Erlang's `receive … after`: take the first message that matches
   * (`match` is a predicate or a zod schema), leaving the others queued in order. Resolves the
   * message, `undefined` once no match can come (every link in has closed), or `'timeout'`
   * when `options.timeout` ms pass first. The messages passed over keep their place and count
   * against their link's capacity, so a sender into an inbox full of messages that do not match
   * waits — and if nothing else can move, the deadlock watch names this component as waiting
   * for a match. Cheap for components that never call it; a message queued behind `n` others
   * costs `n` tests per arrival.
   */
  receive<M extends Match<T>>(match: M): Promise<Matched<T, M> | undefined>;
  receive<M extends Match<T>>(
    match: M,
    options: ReceiveOptions,
  ): Promise<Matched<T, M> | undefined | 'timeout'>;
}

/**
 * A component's view of one of its outboxes.
 *
 * `send` delivers to every linked inbox (fan-out) and waits while any of their links is full:
 * that wait is backpressure. `trySend` never waits, and says whether it sent. In checked mode
 * every message is validated against the box's schema and frozen. Returning from the body
 * closes every outbox.
 *
 * @example
 * ```ts
 * import { box, defineComponent, z } from '@plexus/core';
 *
 * export const Ticks = defineComponent({
 *   name: 'Ticks',
 *   description: 'Sends 1 to 100, dropping those the consumer has no room for.',
 *   outboxes: { out: box(z.number(), 'Ticks.') },
 *   async body({ outbox }) {
 *     let dropped = 0;
 *     for (let n = 1; n <= 100; n++) if (!outbox.out.trySend(n)) dropped++;
 *     console.error(`${dropped} dropped`);
 *   },
 * });
 * ```
 */
export interface Outbox<T> {
  /** The outbox's name. */
  readonly name: string;
  /** Send to every linked inbox; waits while any target link is full. */
  send(message: T, options?: SendOptions): Promise<void>;
  /** Send only if every target link has room now; returns whether it was sent. */
  trySend(message: T, options?: SendOptions): boolean;
}

/**
 * A reference to an inbox (or a composite's exported inbox): something a link can target.
 *
 * Got from `node.inbox('in')` (or, inside a composite, `graph.outbox('out')`). It carries the
 * message type, so `link(from, to)` compiles only when the outbox's messages fit the inbox.
 *
 * @example
 * ```ts
 * import { graph, type InRef } from '@plexus/core';
 * import { Numbers, Print } from './components.ts';
 *
 * const g = graph('g');
 * const target: InRef<unknown> = g.add('print', Print).inbox('in');
 * g.link(g.add('numbers', Numbers).outbox('out'), target);
 * await g.run();
 * ```
 */
export interface InRef<T> {
  readonly kind: 'in';
  /** Instance name of the component, e.g. `wc/split`. */
  readonly node: string;
  readonly box: string;
  /** Phantom member carrying the message type (contravariant). Never set. */
  readonly __in?: (message: T) => void;
}

/**
 * A reference to an outbox (or a composite's exported outbox): something a link starts from.
 *
 * Got from `node.outbox('out')` (or, inside a composite, `graph.inbox('in')`). It carries the
 * message type: linking an `OutRef<number>` to an inbox of strings does not compile.
 *
 * @example
 * ```ts
 * import { graph, type OutRef } from '@plexus/core';
 * import { Double, Numbers } from './components.ts';
 *
 * const g = graph('g');
 * const numbers: OutRef<number> = g.add('numbers', Numbers).outbox('out');
 * g.link(numbers, g.add('double', Double).inbox('in'));
 * ```
 */
export interface OutRef<T> {
  readonly kind: 'out';
  readonly node: string;
  readonly box: string;
  /** Phantom member carrying the message type (covariant). Never set. */
  readonly __out?: () => T;
}

/**
 * Options of a link.
 *
 * A link's capacity is how many messages it holds before a `send` into it waits. Across a
 * thread or process the same bound holds through credits, so a slow consumer never makes a
 * fast producer grow its memory.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Numbers, Print } from './components.ts';
 *
 * const g = graph('g');
 * g.link(g.add('numbers', Numbers).outbox('out'), g.add('print', Print).inbox('in'), { capacity: 1 });
 * await g.run();
 * ```
 */
export interface LinkOptions {
  /**
   * Messages the link holds before a send waits. Default {@link DEFAULT_CAPACITY} (64), or 1,024
   * for a link that crosses a thread or process boundary.
   */
  readonly capacity?: number;
}

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
 * A handle to a link, for removing it later.
 *
 * What `link` (and each link of `pipeline`) returns. `unlink(handle)` removes the link, while
 * the graph runs too: messages already in it are still delivered, and its inbox ends once its
 * other links have closed. `from` and `to` name the boxes as `node.box`.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Print, Read } from './components.ts';
 *
 * const g = graph('g');
 * const read = g.add('read', Read);
 * const print = g.add('print', Print);
 * const handle = g.link(read.outbox('out'), print.inbox('in'));
 * console.log(`${handle.from} -> ${handle.to}`); // read.out -> print.in
 * g.unlink(handle);
 * ```
 */
export interface LinkHandle {
  readonly id: number;
  /** `node.box` of the outbox the link starts from. */
  readonly from: string;
  /** `node.box` of the inbox the link ends at. */
  readonly to: string;
}

/**
 * Live counters of one physical link.
 *
 * What `stats().links` and the `link:add`/`link:remove` events report. A link through a
 * composite's exported box is one physical link between the two children. `queued` near
 * `capacity` marks a slow consumer; `dropped` counts messages sent after the receiver ended.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Numbers, Print } from './components.ts';
 *
 * const g = graph('g');
 * g.pipeline(g.add('numbers', Numbers), g.add('print', Print));
 * g.on('complete', () => {
 *   for (const link of g.stats().links) console.error(`${link.from}: ${link.delivered}/${link.sent}`);
 * });
 * await g.run();
 * ```
 */
export interface LinkInfo {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly capacity: number;
  /** Messages accepted into the link. */
  readonly sent: number;
  /** Messages the receiver has taken. */
  readonly delivered: number;
  /** Messages waiting in the link now (`sent - delivered`). */
  readonly queued: number;
  /** Messages discarded because the receiver had ended. */
  readonly dropped: number;
  /** The sender has finished with this link. */
  readonly closed: boolean;
  /**
   * Across a thread or process: messages that have reached the receiver's side but wait there
   * for room in the link (not counted in `sent` there). Absent when none.
   */
  readonly held?: number;
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
