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
  type FactoryOptions,
  type FactoryReference,
  factoryCaller,
} from '../internal/factory.ts';

/**
 * What {@link fromIterable} reads: an iterable, an async iterable, or a function making one.
 *
 * Pass a function (`() => gen()`) when the definition may be added more than once: a
 * generator object can be iterated only once, while the function makes a fresh one per run.
 *
 * @example
 * ```ts
 * import { fromIterable, type IterableSource } from '@plexus/components';
 *
 * async function* pages() {
 *   for (let page = 1; page <= 3; page++) yield { page };
 * }
 * const source: IterableSource<{ page: number }> = () => pages();
 * export const Pages = fromIterable(source, { name: 'Pages' });
 * ```
 */
export type IterableSource<T> =
  | Iterable<T>
  | AsyncIterable<T>
  | (() => Iterable<T> | AsyncIterable<T>);

/**
 * Make a source that sends every value of an iterable (or async iterable) built in code.
 *
 * Values are pulled one at a time, only when the link has room, so a generator of a million
 * values never runs ahead of its consumer. The source ends when the iterable is done; if the
 * iterable throws, the component fails with that error. On a stop, or when nobody downstream
 * listens any more, the iterator is closed (`return()` runs, so a generator's `finally` does);
 * a stop does not wait for an async iterator that is stuck awaiting something of its own.
 * A generator object can be iterated only once: pass a function that makes one
 * (`() => gen()`) if the definition is added more than once. The values cross to other
 * components as messages, so they must be plain data. Code only: made in a module of its own
 * and exported, it can also be placed on a worker.
 *
 * @example
 * ```ts
 * import { fromIterable } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * function* squares() {
 *   for (let n = 1; n <= 5; n++) yield n * n;
 * }
 * const { out } = await runComponent(fromIterable(() => squares(), { name: 'Squares' }));
 * // out: [1, 4, 9, 16, 25]
 * ```
 */
export function fromIterable<T>(
  source: IterableSource<T>,
  options: FactoryOptions = {},
): ComponentDefinition<{}, { out: BoxSpec<z.ZodType<T>> }, NoParams> {
  const made = defineComponent({
    name: options.name ?? 'FromIterable',
    description:
      options.description ?? 'Sends every value of an iterable built in code, then ends.',
    outboxes: { out: box(z.any() as z.ZodType<T>, 'The values, in order.') },
    async body({ outbox, signal }) {
      const iterable = typeof source === 'function' ? source() : source;
      const out = outbox.out;
      if (Symbol.asyncIterator in iterable) {
        const iterator = iterable[Symbol.asyncIterator]();
        let finished = false;
        try {
          for (;;) {
            const step = await untilAborted(iterator.next(), signal);
            if (step.done === true) {
              finished = true;
              return;
            }
            await out.send(step.value);
          }
        } finally {
          // Stopped (or failed downstream): close the iterator, without waiting for an
          // iterator that is stuck in an await of its own.
          if (!finished) void Promise.resolve(iterator.return?.()).catch(() => {});
        }
      } else {
        for (const value of iterable) if (!out.trySend(value)) await out.send(value);
      }
    },
  });
  return definedIn(made, factoryCaller());
}

/** The promise, or the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

fromIterable.reference = {
  signature: 'fromIterable(source, options?)',
  options: {
    source:
      'An iterable, an async iterable, or a function returning one (called once per instance).',
    'options.name': "Type name of the definition (default 'FromIterable').",
    'options.description': 'One line saying what it sends.',
  },
  sample: () => fromIterable([1, 2, 3]),
} satisfies FactoryReference;
