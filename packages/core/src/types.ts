/**
 * The public types of Plexus: boxes, definitions, the context a body receives, references to
 * boxes for linking, and what observation reports. Types flow from zod schemas, so linking an
 * outbox to an inbox of another type, sending a value that does not fit, or naming a box that
 * does not exist fails to compile.
 */
import type { z } from 'zod';

/** A box declaration: the schema of its messages and a one-line description. */
export interface BoxSpec<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly description: string;
  /**
   * Outbox: sending while unlinked drops the message instead of failing.
   * Inbox: may be left unlinked (it then ends at once) even in checked mode.
   */
  readonly optional?: boolean;
}

/** A record of named boxes. */
export type BoxSpecs = Readonly<Record<string, BoxSpec>>;

/** The type of message a box carries. */
export type MessageOf<B> = B extends BoxSpec<infer S> ? z.output<S> : never;

/** A params schema: a zod object, usually with defaults. */
export type ParamsSchema = z.ZodObject;

/** Buffers a send may transfer: ownership moves with the message; the sender's copy is detached. */
export type TransferList = readonly (ArrayBuffer | ArrayBufferView)[];

/** Options of a single send. */
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
 * synchronously and awaits only when it is empty.
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

/** A component's view of one of its outboxes. */
export interface Outbox<T> {
  /** The outbox's name. */
  readonly name: string;
  /** Send to every linked inbox; waits while any target link is full. */
  send(message: T, options?: SendOptions): Promise<void>;
  /** Send only if every target link has room now; returns whether it was sent. */
  trySend(message: T, options?: SendOptions): boolean;
}

/** A reference to an inbox (or a composite's exported inbox): something a link can target. */
export interface InRef<T> {
  readonly kind: 'in';
  /** Instance name of the component, e.g. `wc/split`. */
  readonly node: string;
  readonly box: string;
  /** Phantom member carrying the message type (contravariant). Never set. */
  readonly __in?: (message: T) => void;
}

/** A reference to an outbox (or a composite's exported outbox): something a link starts from. */
export interface OutRef<T> {
  readonly kind: 'out';
  readonly node: string;
  readonly box: string;
  /** Phantom member carrying the message type (covariant). Never set. */
  readonly __out?: () => T;
}

/** Options of a link. */
export interface LinkOptions {
  /**
   * Messages the link holds before a send waits. Default {@link DEFAULT_CAPACITY} (64), or 1,024
   * for a link that crosses a thread or process boundary.
   */
  readonly capacity?: number;
}

/** Where a component runs. `inline` (the default) is the main event loop. */
export type BackendName = 'inline' | 'worker' | 'process' | (string & {});

/** Placement of one component or composite: which backend, which group, how many replicas. */
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

/** A handle to a link, for removing it later. */
export interface LinkHandle {
  readonly id: number;
  /** `node.box` of the outbox the link starts from. */
  readonly from: string;
  /** `node.box` of the inbox the link ends at. */
  readonly to: string;
}

/** Live counters of one physical link. */
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

/** Lifecycle state of one component instance. */
export type ComponentState = 'idle' | 'running' | 'ended' | 'stopped' | 'failed';

/** What observation reports about one component instance. */
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

/** How a run ended. */
export interface RunResult {
  /** `completed`: every component finished by itself; `stopped`: `stop()` or a signal ended it. */
  readonly status: 'completed' | 'stopped';
}

/** Events a graph emits (eventemitter3). */
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

/** A snapshot of live counters. */
export interface GraphStats {
  readonly components: ComponentInfo[];
  readonly links: LinkInfo[];
}
