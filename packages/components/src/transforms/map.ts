import {
  type BoxSpec,
  box,
  type ComponentDefinition,
  defineComponent,
  type NoParams,
  z,
} from '@plexus/core';
import {
  definedIn,
  type FactoryReference,
  type FunctionOptions,
  factoryCaller,
  isThenable,
} from '../internal/factory.ts';

/**
 * Make a component that sends `fn(message)` for every message it receives.
 *
 * For pipelines built in code. `fn` may be async: results are awaited and sent in input
 * order, one at a time. Synchronous functions run in a tight loop that drains the inbox
 * without a promise per message. If `fn` throws (or rejects), the component fails with that
 * error, naming the message it was given. It ends when its input does. Give `options.in` and
 * `options.out` schemas to have checked mode validate both sides; the types flow from `fn`
 * either way, so linking it to a box of another type does not compile.
 *
 * A definition made by `map()` behaves like any other: exported from a module of its own
 * (`export const Double = map((n: number) => n * 2, { name: 'Double' })`) it can be placed on
 * a worker or in a process, which import that module; made in the main script or inside a
 * function, it runs inline only, and placing it elsewhere fails before the run, saying so.
 * Graph files cannot hold functions: there, use a component exported from a module.
 *
 * @example
 * ```ts
 * import { map } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(map((n: number) => n * 2), { in: [1, 2, 3] });
 * // out: [2, 4, 6]
 * ```
 */
export function map<I, O>(
  fn: (message: I) => O,
  options: FunctionOptions<I, Awaited<O>> = {},
): ComponentDefinition<
  { in: BoxSpec<z.ZodType<I>> },
  { out: BoxSpec<z.ZodType<Awaited<O>>> },
  NoParams
> {
  const made = defineComponent({
    name: options.name ?? 'Map',
    description: options.description ?? 'Sends fn(message) for every message it receives.',
    inboxes: { in: box(options.in ?? (z.any() as z.ZodType<I>), 'Messages to transform.') },
    outboxes: {
      out: box(options.out ?? (z.any() as z.ZodType<Awaited<O>>), 'fn of each message, in order.'),
    },
    async body({ inbox, outbox }) {
      const input = inbox.in;
      const output = outbox.out;
      while (await input.wait()) {
        while (input.dataReady()) {
          let result: unknown = fn(input.recv());
          if (isThenable(result)) result = await result;
          if (!output.trySend(result as Awaited<O>)) await output.send(result as Awaited<O>);
        }
      }
    },
  });
  return definedIn(made, factoryCaller());
}

map.reference = {
  signature: 'map(fn, options?)',
  options: {
    fn: 'message => result (or a promise of it); called once per message, in order.',
    'options.name': "Type name of the definition (default 'Map').",
    'options.description': 'One line saying what this map does.',
    'options.in': 'Schema of the messages taken (default any).',
    'options.out': 'Schema of the messages sent (default any).',
  },
  sample: () => map((message: unknown) => message),
} satisfies FactoryReference;
