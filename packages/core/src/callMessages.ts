/**
 * The messages of a call and the boxes that carry them: a request in its envelope (`Call`), a
 * reply or an error (`Reply`), and `callBox` / `replyBox` to declare such boxes. Making and
 * answering calls is in call.ts.
 */
import { z } from 'zod';
import type { ErrorData } from './PlexusError.ts';
import type { BoxSpec, Inbox } from './types.ts';

/**
 * A request as it travels: the caller's correlation id, its name, and the request itself.
 *
 * `call` wraps the request in it; a server reads `request` and answers with `ref` echoed.
 *
 * @example
 * ```ts
 * import { answer, type Call, type Outbox, type Reply } from '@plexus/core';
 *
 * export async function priceOf(out: Outbox<Reply<number>>, asked: Call<{ item: string }>) {
 *   console.log(`${asked.from} asks for ${asked.request.item} (call ${asked.ref})`);
 *   await answer(out, asked, asked.request.item === 'tea' ? 250 : 400);
 * }
 * ```
 */
export interface Call<Q> {
  readonly ref: string;
  readonly from: string;
  readonly request: Q;
}

/**
 * A reply as it travels: the request's `ref`, who answered, and the reply or the error.
 *
 * `call` unwraps it: it resolves with `reply`, or fails with `error` as the cause.
 *
 * @example
 * ```ts
 * import type { Reply } from '@plexus/core';
 *
 * export function describe(got: Reply<number>): string {
 *   return 'error' in got ? `${got.by} failed: ${got.error.message}` : `${got.by}: ${got.reply}`;
 * }
 * ```
 */
export type Reply<R> =
  | { readonly ref: string; readonly by: string; readonly reply: R }
  | { readonly ref: string; readonly by: string; readonly error: ErrorData };

/**
 * Options of {@link call}: where the reply comes in, and how long to wait for it.
 *
 * @example
 * ```ts
 * import type { CallOptions, Inbox, Reply } from '@plexus/core';
 *
 * export function withinASecond(answers: Inbox<Reply<number>>): CallOptions<number> {
 *   return { reply: answers, timeout: 1000 };
 * }
 * ```
 */
export interface CallOptions<R> {
  /** The caller's inbox the server's replies are linked into. */
  readonly reply: Inbox<Reply<R>>;
  /** Give up after this many ms from sending the request (`ERR_CALL_TIMEOUT`). Default: wait. */
  readonly timeout?: number;
}

const errorData: z.ZodType<ErrorData> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    message: z.string(),
    code: z.string().optional(),
    stack: z.string().optional(),
    cause: errorData.optional(),
  }),
) as z.ZodType<ErrorData>;

/**
 * Declare a box that carries calls (a server's inbox, a client's outbox): requests of `request`'s
 * schema inside their envelope.
 *
 * @example
 * ```ts
 * import { callBox, z } from '@plexus/core';
 *
 * const inboxes = { in: callBox(z.object({ key: z.string() }), 'Look-ups to answer.') };
 * ```
 */
export function callBox<S extends z.ZodType>(
  request: S,
  description: string,
): BoxSpec<z.ZodType<Call<z.output<S>>>> {
  const schema = z.object({ ref: z.string(), from: z.string(), request });
  return { schema: schema as unknown as z.ZodType<Call<z.output<S>>>, description };
}

/**
 * Declare a box that carries replies to calls: replies of `reply`'s schema, or errors.
 *
 * @example
 * ```ts
 * import { replyBox, z } from '@plexus/core';
 *
 * const inboxes = { answers: replyBox(z.number(), 'Prices, or why there is none.') };
 * ```
 */
export function replyBox<S extends z.ZodType>(
  reply: S,
  description: string,
): BoxSpec<z.ZodType<Reply<z.output<S>>>> {
  const schema = z.union([
    z.object({ ref: z.string(), by: z.string(), reply }),
    z.object({ ref: z.string(), by: z.string(), error: errorData }),
  ]);
  return { schema: schema as unknown as z.ZodType<Reply<z.output<S>>>, description };
}
