/**
 * Types of a definition's boxes: the box specs it declares, and the typed inboxes and outboxes
 * its body sees.
 */
import type { BoxSpecs, Inbox, MessageOf, Outbox } from './types.ts';

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
