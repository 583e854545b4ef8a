/**
 * Components defined by a table of handlers, one per message tag — PARLEY's `(tag, sender,
 * args)` dispatch, with Erlang's loop state. The tags and their payload schemas make the
 * inbox's type, so a sender's `{ tag: 'add', n: 'x' }` does not compile.
 */
import { z } from 'zod';
import type { ComponentDefinition, Context } from './Definition.ts';
import { defineComponent } from './defineComponent.ts';
import { Errors } from './errors.ts';
import { callerModule, withSource } from './internal/locate.ts';
import type { NoParams } from './paramTypes.ts';
import type { BoxSpec, BoxSpecs, ParamsSchema } from './types.ts';

/**
 * Payload shapes by tag: `{ add: { n: z.number() }, reset: {} }`.
 *
 * A tag with an empty shape carries no payload. The same table types the handler component's
 * inbox (`defineHandlers`) and a sender's outbox (`tagged`).
 *
 * @example
 * ```ts
 * import { type TagShapes, z } from '@plexus/core';
 *
 * export const counterTags = { add: { n: z.number() }, reset: {} } satisfies TagShapes;
 * ```
 */
export type TagShapes = Readonly<Record<string, z.ZodRawShape>>;

/**
 * The message a tag table describes: `{ tag: 'add', n: number } | { tag: 'reset' }`.
 *
 * @example
 * ```ts
 * import { type TaggedMessage, z } from '@plexus/core';
 *
 * const tags = { add: { n: z.number() }, reset: {} };
 * export const messages: TaggedMessage<typeof tags>[] = [{ tag: 'add', n: 2 }, { tag: 'reset' }];
 * ```
 */
export type TaggedMessage<T extends TagShapes> = {
  [K in keyof T & string]: [keyof T[K]] extends [never]
    ? { tag: K }
    : { tag: K } & z.output<z.ZodObject<T[K]>>;
}[keyof T & string];

/**
 * The zod schema of a tag table's messages (a union discriminated by `tag`), as `tagged` makes.
 *
 * @example
 * ```ts
 * import { type TaggedSchema, tagged, z } from '@plexus/core';
 *
 * const tags = { add: { n: z.number() }, reset: {} };
 * export const schema: TaggedSchema<typeof tags> = tagged(tags);
 * console.log(schema.safeParse({ tag: 'add', n: 'one' }).success); // false
 * ```
 */
export type TaggedSchema<T extends TagShapes> = z.ZodType<TaggedMessage<T>>;

/**
 * The schema of the messages a tag table describes, for a sender's outbox: `box(tagged(table),
 * '…')` makes a wrong tag or payload a compile error there, as in the handler component.
 *
 * @example
 * ```ts
 * import { box, tagged, z } from '@plexus/core';
 *
 * const commands = tagged({ add: { n: z.number() }, reset: {} });
 * const outboxes = { out: box(commands, 'Commands for the counter.') };
 * ```
 */
export function tagged<T extends TagShapes>(table: T): TaggedSchema<T> {
  const options = Object.entries(table).map(([tag, shape]) =>
    z.object({ ...shape, tag: z.literal(tag) }),
  );
  if (options.length === 0)
    throw Errors.badDefinition('A tag table', 'it has no tags; give at least one');
  return z.discriminatedUnion(
    'tag',
    options as unknown as [z.ZodObject, ...z.ZodObject[]],
  ) as never;
}

/** What a handler may return: the next state, or nothing to keep the state (mutated or not). */
type Next<S> = S | undefined | void | Promise<S | undefined | void>;

/**
 * A handler: the state, the message of its tag, the component's context; it returns the next
 * state, or nothing to keep it.
 *
 * @example
 * ```ts
 * import { box, type Handler, z } from '@plexus/core';
 *
 * const outboxes = { out: box(z.number(), 'Totals.') };
 * export const add: Handler<{ total: number }, { tag: 'add'; n: number }, typeof outboxes, {}> = (
 *   state,
 *   { n },
 * ) => ({ total: state.total + n });
 * ```
 */
export type Handler<S, M, O extends BoxSpecs, P> = (
  state: S,
  message: M,
  context: Context<{ in: BoxSpec }, O, P>,
) => Next<S>;

/**
 * What `defineHandlers` takes: a name, a description, the tag table, the outboxes and params,
 * the first state, and one handler per tag.
 *
 * @example
 * ```ts
 * import { box, defineHandlers, z } from '@plexus/core';
 *
 * export const Counter = defineHandlers({
 *   name: 'Counter',
 *   description: 'Adds numbers up; sends the total when asked.',
 *   tags: { add: { n: z.number() }, report: {} },
 *   outboxes: { out: box(z.number(), 'Totals.') },
 *   init: () => ({ total: 0 }),
 *   handlers: {
 *     add: (state, { n }) => ({ total: state.total + n }),
 *     report: async (state, _message, { outbox }) => outbox.out.send(state.total),
 *   },
 * });
 * ```
 */
export interface HandlersSpec<T extends TagShapes, S, O extends BoxSpecs, P extends ParamsSchema> {
  readonly name: string;
  readonly description: string;
  /** Payload shapes by tag. Messages arrive on the inbox `in` as `{ tag, ...payload }`. */
  readonly tags: T;
  readonly outboxes?: O;
  readonly params?: P;
  /** The state before the first message (called once per run of the body, so per restart). */
  readonly init: (params: z.output<P>) => S;
  /** One handler per tag. */
  readonly handlers: {
    readonly [K in keyof T & string]: Handler<
      S,
      Extract<TaggedMessage<T>, { tag: K }>,
      O,
      z.output<P>
    >;
  };
  /**
   * A message whose tag has no handler. Default: the component fails with `ERR_UNKNOWN_TAG`.
   * Given, the inbox accepts any `{ tag: string }` at run time (its type stays the known tags).
   */
  readonly unknown?: Handler<S, { tag: string }, O, z.output<P>>;
}

/**
 * Define a component by a table of handlers, one per tag: each message `{ tag, ...payload }` on
 * its inbox `in` goes to the handler of its tag, with the state the last handler left.
 *
 * The body is a generator loop: a handler that returns a value (not a promise) costs no promise,
 * and one that returns a promise (an `async` handler) is waited for before the next message. A
 * handler returns the next state, or nothing to keep it. An unknown tag fails the component
 * with `ERR_UNKNOWN_TAG` unless `unknown` is given; in checked mode the inbox's schema refuses it
 * first (`ERR_INBOX_SCHEMA`). Restarted by a supervisor, the state starts again from `init`.
 *
 * @example
 * ```ts
 * import { box, defineHandlers, z } from '@plexus/core';
 *
 * export const Counter = defineHandlers({
 *   name: 'Counter',
 *   description: 'Adds numbers up; reports the total when asked.',
 *   tags: { add: { n: z.number() }, report: {} },
 *   outboxes: { out: box(z.number(), 'Totals, when asked.') },
 *   init: () => ({ total: 0 }),
 *   handlers: {
 *     add: (state, { n }) => ({ total: state.total + n }),
 *     report: async (state, _message, { outbox }) => outbox.out.send(state.total),
 *   },
 * });
 * ```
 */
export function defineHandlers<
  const T extends TagShapes,
  S,
  O extends BoxSpecs = {},
  P extends ParamsSchema = NoParams,
>(spec: HandlersSpec<T, S, O, P>): ComponentDefinition<{ in: BoxSpec<TaggedSchema<T>> }, O, P> {
  const known = tagged(spec.tags);
  const schema =
    spec.unknown === undefined ? known : z.union([known, z.looseObject({ tag: z.string() })]);
  const names = Object.keys(spec.tags).join(', ');
  const handlers = spec.handlers as Record<string, Handler<S, unknown, O, unknown>>;
  const unknown = spec.unknown as Handler<S, unknown, O, unknown> | undefined;
  const definition = defineComponent({
    name: spec.name,
    description: spec.description,
    inboxes: { in: { schema, description: `Tagged messages: ${names}.` } },
    outboxes: spec.outboxes,
    params: spec.params,
    *body(context): Generator<unknown, void, any> {
      const inbox = context.inbox.in!;
      let state = spec.init(context.params as z.output<P>);
      while (yield inbox) {
        const message = inbox.recv() as { tag: string };
        const handler = Object.hasOwn(handlers, message.tag) ? handlers[message.tag] : unknown;
        if (handler === undefined) {
          const tag = JSON.stringify(message.tag) ?? String(message.tag);
          throw Errors.unknownTag(context.name, spec.name, 'in', tag, names);
        }
        let next = handler(state, message, context as never);
        if (isThenable(next)) next = yield next;
        if (next !== undefined) state = next as S;
      }
    },
  } as Parameters<typeof defineComponent>[0]) as ComponentDefinition<any, any, any>;
  // Its own source, not defineComponent's (here): copied without reading the latter, which
  // would format its stack (see callerModule).
  const { source: _, ...fields } = Object.getOwnPropertyDescriptors(definition);
  return withSource(Object.defineProperties({}, fields), callerModule(1)) as never;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
