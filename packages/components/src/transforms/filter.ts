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
 * Make a component that passes on the messages for which `predicate` is true.
 *
 * For pipelines built in code. The predicate may be async; messages keep their order. The
 * messages it drops can be linked from the optional `rejected` outbox (left unlinked, they
 * are dropped quietly). If the predicate throws, the component fails with that error, naming
 * the message. It ends when its input does. A type-guard predicate narrows the type of `out`.
 * Like {@link map}, the definition can run on a worker when exported from a module of its
 * own, and runs inline otherwise.
 *
 * @example
 * ```ts
 * import { filter } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out, rejected } = await runComponent(filter((n: number) => n % 2 === 0), {
 *   in: [1, 2, 3, 4],
 * });
 * // out: [2, 4], rejected: [1, 3]
 * ```
 */
export function filter<I, O extends I = I>(
  predicate: ((message: I) => message is O) | ((message: I) => boolean | PromiseLike<boolean>),
  options: FunctionOptions<I, O> = {},
): ComponentDefinition<
  { in: BoxSpec<z.ZodType<I>> },
  { out: BoxSpec<z.ZodType<O>>; rejected: BoxSpec<z.ZodType<I>> },
  NoParams
> {
  const made = defineComponent({
    name: options.name ?? 'Filter',
    description: options.description ?? 'Passes on the messages for which a predicate is true.',
    inboxes: { in: box(options.in ?? (z.any() as z.ZodType<I>), 'Messages to test.') },
    outboxes: {
      out: box(
        options.out ?? (z.any() as z.ZodType<O>),
        'Messages the predicate accepts, in order.',
      ),
      rejected: box(z.any() as z.ZodType<I>, 'Messages the predicate refuses, in order.', {
        optional: true,
      }),
    },
    async body({ inbox, outbox }) {
      const input = inbox.in;
      const { out, rejected } = outbox;
      while (await input.wait()) {
        while (input.dataReady()) {
          const message = input.recv();
          let keep: unknown = predicate(message);
          if (isThenable(keep)) keep = await keep;
          if (keep) {
            if (!out.trySend(message as O)) await out.send(message as O);
          } else if (!rejected.trySend(message)) await rejected.send(message);
        }
      }
    },
  });
  return definedIn(made, factoryCaller());
}

filter.reference = {
  signature: 'filter(predicate, options?)',
  options: {
    predicate: 'message => boolean (or a promise of one); true passes the message on.',
    'options.name': "Type name of the definition (default 'Filter').",
    'options.description': 'One line saying what this filter keeps.',
    'options.in': 'Schema of the messages taken (default any).',
    'options.out': 'Schema of the messages passed on (default any).',
  },
  sample: () => filter(() => true),
} satisfies FactoryReference;
