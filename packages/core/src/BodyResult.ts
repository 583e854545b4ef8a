/**
 * What a component's body returns: a promise, nothing, or a generator of steps the scheduler
 * resumes without a promise per message.
 */

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
