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
  definedIn,
  type FactoryReference,
  type FunctionOptions,
  factoryCaller,
  isThenable,
} from '../internal/factory.ts';

/**
 * What a {@link flatMap} function returns for one message: zero or more results.
 *
 * An array or any iterable, an async iterable (a generator yielding as it goes), or a promise of
 * either; an empty one drops the message.
 *
 * @example
 * ```ts
 * import { type FlatResult, flatMap } from '@plexus/components';
 *
 * function* chars(word: string): FlatResult<string> {
 *   yield* word;
 * }
 * export const Chars = flatMap(chars, { name: 'Chars' });
 * ```
 */
export type FlatResult<O> =
  | Iterable<O>
  | AsyncIterable<O>
  | PromiseLike<Iterable<O> | AsyncIterable<O>>;

/**
 * Make a component that sends every value `fn(message)` yields, for every message.
 *
 * For pipelines built in code: `fn` returns an array (or any iterable, async iterable or
 * promise of one) — empty to drop the message, several values to split it. Values are sent in
 * order, each waiting for room in the link, so a generator that yields many values per
 * message never runs ahead of the consumer. If `fn` throws, the component fails with that
 * error, naming the message. It ends when its input does. Like {@link map}, the definition
 * can run on a worker when exported from a module of its own, and runs inline otherwise.
 *
 * @example
 * ```ts
 * import { flatMap } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const words = flatMap((line: string) => line.split(/\s+/).filter(Boolean));
 * const { out } = await runComponent(words, { in: ['to be', 'or not'] });
 * // out: ['to', 'be', 'or', 'not']
 * ```
 */
export function flatMap<I, O>(
  fn: (message: I) => FlatResult<O>,
  options: FunctionOptions<I, O> = {},
): ComponentDefinition<{ in: BoxSpec<z.ZodType<I>> }, { out: BoxSpec<z.ZodType<O>> }, NoParams> {
  const name = options.name ?? 'FlatMap';
  const made = defineComponent({
    name,
    description: options.description ?? 'Sends every value fn(message) yields, for every message.',
    inboxes: { in: box(options.in ?? (z.any() as z.ZodType<I>), 'Messages to expand.') },
    outboxes: {
      out: box(options.out ?? (z.any() as z.ZodType<O>), 'The values fn yields, in order.'),
    },
    async body({ inbox, outbox, name: instance }) {
      const input = inbox.in;
      const output = outbox.out;
      while (await input.wait()) {
        while (input.dataReady()) {
          const message = input.recv();
          let values: unknown = fn(message);
          if (isThenable(values)) values = await values;
          if (typeof values !== 'object' || values === null || !isIterable(values)) {
            throw Errors.notIterable({ name: instance, type: name }, message, values);
          }
          if (Array.isArray(values)) {
            for (const value of values) if (!output.trySend(value)) await output.send(value);
          } else if (Symbol.asyncIterator in (values as object)) {
            for await (const value of values as AsyncIterable<O>) await output.send(value);
          } else {
            for (const value of values as Iterable<O>)
              if (!output.trySend(value)) await output.send(value);
          }
        }
      }
    },
  });
  return definedIn(made, factoryCaller());
}

function isIterable(value: object): boolean {
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}

flatMap.reference = {
  signature: 'flatMap(fn, options?)',
  options: {
    fn: 'message => values (an array, iterable, async iterable, or a promise of one).',
    'options.name': "Type name of the definition (default 'FlatMap').",
    'options.description': 'One line saying what this flatMap does.',
    'options.in': 'Schema of the messages taken (default any).',
    'options.out': 'Schema of the values sent (default any).',
  },
  sample: () => flatMap((message: unknown) => [message]),
} satisfies FactoryReference;
