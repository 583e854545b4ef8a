/**
 * Calls: a request on an outbox and its reply on an inbox, like Erlang's `gen_server:call`.
 * The framework adds a correlation id (`ref`) to the request and takes back only the reply that
 * carries it, with a selective receive, so other messages on the reply inbox stay queued.
 */
import type { Call, CallOptions, Reply } from './callMessages.ts';
import { Errors } from './errors.ts';
import type { ComponentRun } from './internal/ComponentRun.ts';
import type { InboxImpl } from './internal/InboxImpl.ts';
import type { OutboxImpl } from './internal/OutboxImpl.ts';
import { NONE, receive, takeMatching } from './internal/receive.ts';
import { fromErrorData, toErrorData } from './PlexusError.ts';
import type { Inbox, Outbox } from './types.ts';

let calls = 0;
/** Per reply inbox: refs of calls that gave up, whose replies may still come and are dropped. */
const late = new WeakMap<InboxImpl, Set<string>>();

/**
 * Send `request` on `outbox` and resolve with the reply to it from `options.reply`.
 *
 * The request goes out as `{ ref, from, request }` with a fresh `ref`; the server answers with
 * {@link answer} or {@link serve}, echoing `ref`; only the reply with that `ref` is taken, and
 * replies meant for other callers (fan-out) or for calls that already gave up are dropped. A
 * handler that throws fails the call at once with `ERR_CALL_FAILED` (its error is the `cause`);
 * no reply within `timeout` ms fails it with `ERR_CALL_TIMEOUT`, naming caller and server; a
 * server that ends without answering, `ERR_CALL_UNANSWERED`. Works in both body styles (a
 * generator yields the promise) and across every boundary: envelopes are plain data.
 *
 * @example
 * ```ts
 * import { box, call, callBox, defineComponent, replyBox, z } from '@plexus/core';
 *
 * export const Buyer = defineComponent({
 *   name: 'Buyer',
 *   description: 'Asks the price of tea, and sends it on.',
 *   inboxes: { answers: replyBox(z.number(), 'Prices.') },
 *   outboxes: {
 *     ask: callBox(z.object({ item: z.string() }), 'Price requests.'),
 *     out: box(z.number(), 'The price of tea.'),
 *   },
 *   async body({ inbox, outbox }) {
 *     const price = await call(outbox.ask, { item: 'tea' }, { reply: inbox.answers, timeout: 1000 });
 *     await outbox.out.send(price);
 *   },
 * });
 * ```
 */
export async function call<Q, R>(
  outbox: Outbox<Call<Q>>,
  request: Q,
  options: CallOptions<R>,
): Promise<R> {
  const out = outbox as unknown as OutboxImpl;
  const inbox = options.reply as unknown as InboxImpl;
  const owner = out.owner as ComponentRun;
  const mine = `${owner.name}#`;
  const ref = `${mine}${++calls}`;
  const dropped = late.get(inbox);
  // Not ours to keep: replies to others sharing the reply link, and late replies to us.
  const stray = (m: Reply<R>) => !m.ref.startsWith(mine) || dropped?.has(m.ref) === true;
  while (takeMatching(inbox, stray as (m: unknown) => boolean) !== NONE);
  await outbox.send({ ref, from: owner.name, request });
  const timeout = options.timeout;
  const until = timeout === undefined ? undefined : Date.now() + timeout;
  for (;;) {
    const wait = until === undefined ? {} : { timeout: Math.max(0, until - Date.now()) };
    const got = (await receive(
      inbox,
      (m) => (m as Reply<R>).ref === ref || stray(m as Reply<R>),
      wait,
    )) as Reply<R> | 'timeout' | undefined;
    if (got === 'timeout') {
      if (dropped === undefined) late.set(inbox, new Set([ref]));
      else dropped.add(ref);
      throw Errors.callTimeout(
        facts(owner),
        out.name,
        targets(out),
        inbox.name,
        timeout!,
        show(request),
      );
    }
    if (got === undefined)
      throw Errors.callUnanswered(facts(owner), out.name, targets(out), inbox.name, show(request));
    if (got.ref !== ref) continue;
    if ('error' in got)
      throw Errors.callFailed(
        facts(owner),
        got.by,
        out.name,
        show(request),
        fromErrorData(got.error),
      );
    return got.reply;
  }
}

/**
 * Answer `to` (a call taken from a {@link callBox} inbox) with `reply`, on a {@link replyBox} outbox.
 *
 * @example
 * ```ts
 * import { answer, callBox, defineComponent, replyBox, z } from '@plexus/core';
 *
 * export const Shop = defineComponent({
 *   name: 'Shop',
 *   description: 'Answers price requests, one at a time.',
 *   inboxes: { in: callBox(z.object({ item: z.string() }), 'Price requests.') },
 *   outboxes: { out: replyBox(z.number(), 'Prices.') },
 *   async body({ inbox, outbox }) {
 *     for await (const call of inbox.in) await answer(outbox.out, call, call.request.item.length);
 *   },
 * });
 * ```
 */
export function answer<R>(outbox: Outbox<Reply<R>>, to: Call<unknown>, reply: R): Promise<void> {
  const by = (outbox as unknown as OutboxImpl).owner.name;
  return outbox.send({ ref: to.ref, by, reply });
}

/**
 * Answer `to` with an error: the caller's `call` fails with `ERR_CALL_FAILED`, `error` its cause.
 *
 * @example
 * ```ts
 * import { answer, answerError, callBox, defineComponent, replyBox, z } from '@plexus/core';
 *
 * const prices = new Map([['tea', 3]]);
 *
 * export const Shop = defineComponent({
 *   name: 'Shop',
 *   description: 'Answers price requests; an unknown item is an error for its caller.',
 *   inboxes: { in: callBox(z.object({ item: z.string() }), 'Price requests.') },
 *   outboxes: { out: replyBox(z.number(), 'Prices.') },
 *   async body({ inbox, outbox }) {
 *     for await (const call of inbox.in) {
 *       const price = prices.get(call.request.item);
 *       if (price === undefined) await answerError(outbox.out, call, new Error('no such item'));
 *       else await answer(outbox.out, call, price);
 *     }
 *   },
 * });
 * ```
 */
export function answerError(
  outbox: Outbox<Reply<never>>,
  to: Call<unknown>,
  error: unknown,
): Promise<void> {
  const by = (outbox as unknown as OutboxImpl).owner.name;
  return outbox.send({ ref: to.ref, by, error: toErrorData(error) });
}

/**
 * A server's loop: answer every call on `requests` with what `handle` returns, on `replies`.
 * When `handle` throws, the caller is answered with the error first — its call fails at once —
 * and then the server fails with it (or is restarted, if supervised), as a `gen_server` does.
 *
 * @example
 * ```ts
 * import { callBox, defineComponent, replyBox, serve, z } from '@plexus/core';
 *
 * const prices = new Map([['tea', 3]]);
 *
 * export const Shop = defineComponent({
 *   name: 'Shop',
 *   description: 'Answers price requests.',
 *   inboxes: { in: callBox(z.object({ item: z.string() }), 'Price requests.') },
 *   outboxes: { out: replyBox(z.number(), 'Prices.') },
 *   async body({ inbox, outbox }) {
 *     await serve(inbox.in, outbox.out, (request) => prices.get(request.item) ?? 0);
 *   },
 * });
 * ```
 */
export async function serve<Q, R>(
  requests: Inbox<Call<Q>>,
  replies: Outbox<Reply<R>>,
  handle: (request: Q, call: Call<Q>) => R | Promise<R>,
): Promise<void> {
  for await (const request of requests) {
    let result: R;
    try {
      result = await handle(request.request, request);
    } catch (error) {
      await answerError(replies as Outbox<Reply<never>>, request, error);
      throw error;
    }
    await answer(replies, request, result);
  }
}

function facts(run: ComponentRun) {
  return { component: run.name, type: run.type, backend: run.backend };
}

function targets(out: OutboxImpl): string[] {
  return out.links.map((link) => link.to);
}

function show(request: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(request) ?? String(request);
  } catch {
    text = String(request);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
