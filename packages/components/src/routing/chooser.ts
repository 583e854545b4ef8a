import {
  type BoxSpec,
  box,
  type ComponentDefinition,
  defineComponent,
  type NoParams,
  z,
} from '@plexus/core';
import { Errors } from '../errors.ts';
import {
  checkBoxNames,
  definedIn,
  type FactoryOptions,
  type FactoryReference,
  factoryCaller,
  isThenable,
} from '../internal/factory.ts';

/**
 * A route's test: true sends the message that way. May be async.
 *
 * One per route of a {@link chooser}. A test that throws (or rejects) fails the component,
 * naming the message.
 *
 * @example
 * ```ts
 * import { chooser, type Predicate } from '@plexus/components';
 *
 * const big: Predicate<number> = (n) => n > 100;
 * const known: Predicate<number> = async (n) => [1, 2, 3].includes(n);
 * export const Route = chooser({ big, known });
 * ```
 */
export type Predicate<T> = (message: T) => boolean | PromiseLike<boolean>;

/** The message type a chooser's routes test (from their parameters). */
export type RouteMessage<R> = R[keyof R] extends (message: infer T) => unknown ? T : never;

/**
 * Options of {@link chooser}.
 *
 * The name of the outbox for messages no route takes, whether a message goes to every route
 * that takes it (`all`), a schema for the messages, and the factory's name and description.
 *
 * @example
 * ```ts
 * import { chooser } from '@plexus/components';
 * import { runComponent, z } from '@plexus/core';
 *
 * const route = chooser(
 *   { small: (n: number) => n < 10, even: (n: number) => n % 2 === 0 },
 *   { all: true, otherwise: 'rest', schema: z.number() },
 * );
 * const { small, even, rest } = await runComponent(route, { in: [4, 15] });
 * // small: [4], even: [4], rest: [15]
 * ```
 */
export interface ChooserOptions<T, E extends string> extends FactoryOptions {
  /** Name of the outbox for messages no route takes (default `'otherwise'`). It is optional. */
  readonly otherwise?: E;
  /** Send each message on every route whose test passes, not just the first. Default false. */
  readonly all?: boolean;
  /** Schema of the messages (default: anything). */
  readonly schema?: z.ZodType<T>;
}

/**
 * Make a component that routes each message to the outbox of the first route whose test
 * passes.
 *
 * Routes are tried in the order given; a message goes to the first that accepts it (with
 * `all`, to every one that does), or else to the `otherwise` outbox. Each route's outbox is
 * required; `otherwise` is optional — left unlinked, unmatched messages are dropped. Tests may
 * be async; messages keep their order. A test that throws fails the component with that
 * error, naming the message. It ends when its input does. Code only, like {@link map}.
 *
 * @example
 * ```ts
 * import { chooser } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const route = chooser({ small: (n: number) => n < 10, even: (n: number) => n % 2 === 0 });
 * const { small, even, otherwise } = await runComponent(route, { in: [3, 12, 15] });
 * // small: [3], even: [12], otherwise: [15]
 * ```
 */
export function chooser<
  const R extends Record<string, Predicate<any>>,
  const E extends string = 'otherwise',
>(
  routes: R,
  options: ChooserOptions<RouteMessage<R>, E> = {},
): ComponentDefinition<
  { in: BoxSpec<z.ZodType<RouteMessage<R>>> },
  { [K in keyof R | E]: BoxSpec<z.ZodType<RouteMessage<R>>> },
  NoParams
> {
  const names = Object.keys(routes ?? {});
  const otherwise = options.otherwise ?? 'otherwise';
  checkBoxNames('chooser', [...names, otherwise], 'chooser({ small: (n) => n < 10 })');
  for (const name of names) {
    if (typeof routes[name] !== 'function')
      throw Errors.factoryArgs(
        'chooser',
        `was given a route '${name}' that is not a function; give each route a test, message => boolean.`,
      );
  }
  const schema = options.schema ?? z.any();
  const outboxes: Record<string, BoxSpec> = {};
  for (const name of names) outboxes[name] = box(schema, `Messages route '${name}' accepts.`);
  outboxes[otherwise] = box(schema, 'Messages no route accepts.', { optional: true });
  const tests = names.map((name) => routes[name]!);
  const made = defineComponent({
    name: options.name ?? 'Chooser',
    description: options.description ?? 'Routes each message to the first route whose test passes.',
    inboxes: { in: box(schema, 'Messages to route.') },
    outboxes,
    async body({ inbox, outbox }) {
      const targets = names.map((name) => outbox[name]!);
      const rest = outbox[otherwise]!;
      for await (const message of inbox.in) {
        let taken = false;
        for (let i = 0; i < tests.length; i++) {
          let pass: unknown = tests[i]!(message);
          if (isThenable(pass)) pass = await pass;
          if (!pass) continue;
          taken = true;
          await targets[i]!.send(message);
          if (options.all !== true) break;
        }
        if (!taken) await rest.send(message);
      }
    },
  });
  return definedIn(made, factoryCaller()) as any;
}

chooser.reference = {
  signature: 'chooser(routes, options?)',
  options: {
    routes: 'An object of tests by outbox name, tried in order: `{ small: (n) => n < 10 }`.',
    'options.otherwise':
      "Name of the optional outbox for messages no route takes (default 'otherwise').",
    'options.all':
      'Send each message on every route that accepts it, not just the first (default false).',
    'options.name': "Type name of the definition (default 'Chooser').",
    'options.description': 'One line saying how it routes.',
    'options.schema': 'Schema of the messages (default any).',
  },
  sample: () => chooser({ route: () => true }),
} satisfies FactoryReference;
