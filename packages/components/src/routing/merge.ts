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
  namedBoxes,
} from '../internal/factory.ts';

/**
 * Options of {@link merge}.
 *
 * A schema for the messages, and `tagged`, which sends `{ from, message }` instead of the bare
 * message, naming the inbox each one came in on.
 *
 * @example
 * ```ts
 * import { merge } from '@plexus/components';
 * import { z } from '@plexus/core';
 *
 * export const Readings = merge(['indoor', 'outdoor'], { tagged: true, schema: z.number() });
 * ```
 */
export interface MergeOptions<T> extends FactoryOptions {
  /** Schema of the messages (default: anything). */
  readonly schema?: z.ZodType<T>;
  /** Send `{ from, message }`, naming the inbox each message came in on. Default false. */
  readonly tagged?: boolean;
}

/**
 * What a tagged {@link merge} sends: the message and the inbox it came in on.
 *
 * `from` is typed as the union of the inbox names, so a `switch` on it is checked.
 *
 * @example
 * ```ts
 * import type { Tagged } from '@plexus/components';
 *
 * export const where = (m: Tagged<'indoor' | 'outdoor', number>) =>
 *   m.from === 'indoor' ? `inside: ${m.message}` : `outside: ${m.message}`;
 * ```
 */
export interface Tagged<N extends string, T> {
  readonly from: N;
  readonly message: T;
}

type Ins<N extends readonly string[], T> = { [K in N[number]]: BoxSpec<z.ZodType<T>> };

/**
 * Make a component that merges its named inboxes into one stream, ending when all have ended.
 *
 * Linking several outboxes to one inbox already merges; this gives each source an inbox of its
 * own — so sources of different shapes can be linked by name, or a composite can export them —
 * and, with `tagged`, says where each message came from (`{ from, message }`). Inboxes are
 * served in turn, one message each while several have some, so no source starves another;
 * each source's order is kept. It ends once every inbox has ended. Code only, like
 * {@link map}.
 *
 * @example
 * ```ts
 * import { merge } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(merge(['left', 'right'], { tagged: true }), {
 *   left: [1],
 *   right: [2],
 * });
 * // out: [{ from: 'left', message: 1 }, { from: 'right', message: 2 }]
 * ```
 */
export function merge<const N extends readonly string[], T = any>(
  names: N,
  options: MergeOptions<T> & { readonly tagged: true },
): ComponentDefinition<Ins<N, T>, { out: BoxSpec<z.ZodType<Tagged<N[number], T>>> }, NoParams>;
export function merge<const N extends readonly string[], T = any>(
  names: N,
  options?: MergeOptions<T> & { readonly tagged?: false },
): ComponentDefinition<Ins<N, T>, { out: BoxSpec<z.ZodType<T>> }, NoParams>;
export function merge(
  names: readonly string[],
  options: MergeOptions<unknown> = {},
): ComponentDefinition<any, any, NoParams> {
  const schema = options.schema ?? z.any();
  const inboxes = namedBoxes(
    'merge',
    names,
    "merge(['left', 'right'])",
    schema,
    (name) => `Messages to merge (source '${name}').`,
  );
  const tagged = options.tagged === true;
  const made = defineComponent({
    name: options.name ?? 'Merge',
    description: options.description ?? 'Merges its inboxes into one stream, ending when all have.',
    inboxes,
    outboxes: {
      out: box(
        tagged ? z.object({ from: z.string(), message: schema }) : schema,
        tagged
          ? 'Every message as { from, message }, from is the inbox it came in on.'
          : 'Every message from every inbox; each inbox’s order kept.',
      ),
    },
    async body({ inbox, outbox, waitAny }) {
      const inputs = names.map((name) => ({ name, box: inbox[name]! }));
      const out = outbox.out;
      while ((await waitAny(...inputs.map((i) => i.box))) !== undefined) {
        let more = true;
        while (more) {
          more = false;
          for (const input of inputs) {
            if (!input.box.dataReady()) continue;
            more = true;
            const message = input.box.recv();
            await out.send(tagged ? { from: input.name, message } : message);
          }
        }
      }
    },
  });
  return definedIn(made, factoryCaller());
}

merge.reference = {
  signature: 'merge(names, options?)',
  options: {
    names: "Names of the inboxes, e.g. `['left', 'right']`.",
    'options.tagged': 'Send `{ from, message }` instead of the bare message (default false).',
    'options.name': "Type name of the definition (default 'Merge').",
    'options.description': 'One line saying what is merged.',
    'options.schema': 'Schema of the messages (default any).',
  },
  sample: () => merge(['a', 'b']),
} satisfies FactoryReference;
