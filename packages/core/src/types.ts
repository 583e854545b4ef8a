/**
 * The public types of Plexus's boxes: their declarations, messages, sends and receives, and the
 * inboxes and outboxes a body uses; with those of links (linkTypes.ts) and of placing and
 * running a graph (runTypes.ts), re-exported here. Types flow from zod schemas, so linking an
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

export type { InRef, LinkHandle, LinkInfo, LinkOptions, OutRef } from './linkTypes.ts';
export type {
  BackendName,
  ComponentInfo,
  ComponentState,
  GraphEvents,
  GraphStats,
  Placement,
  RunResult,
} from './runTypes.ts';
