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
 * Options of {@link fanOut}.
 *
 * A schema for the messages (typing every outbox, and checked in checked mode), and the
 * factory's name and description.
 *
 * @example
 * ```ts
 * import { fanOut } from '@plexus/components';
 * import { z } from '@plexus/core';
 *
 * export const Copies = fanOut(['audit', 'work'], { name: 'Copies', schema: z.string() });
 * ```
 */
export interface FanOutOptions<T> extends FactoryOptions {
  /** Schema of the messages (default: anything). */
  readonly schema?: z.ZodType<T>;
}

/**
 * Make a component that sends every message it receives on each of the named outboxes.
 *
 * Kamaelia's Splitter. Linking one outbox to several inboxes already fans out; this gives each
 * destination an outbox of its own, so each can be linked (or left for a composite to export)
 * by name. Every message goes to every outbox, in the order the names were given, and a send
 * waits while any destination is full, so the slowest one sets the pace. The outboxes are
 * required: one left unlinked fails the run (`ERR_UNLINKED_OUTBOX`), so a typo cannot drop
 * messages. It ends when its input does. Code only, like {@link map}.
 *
 * @example
 * ```ts
 * import { fanOut } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { audit, work } = await runComponent(fanOut(['audit', 'work']), { in: [1, 2] });
 * // audit: [1, 2], work: [1, 2]
 * ```
 */
export function fanOut<const N extends readonly string[], T = any>(
  names: N,
  options: FanOutOptions<T> = {},
): ComponentDefinition<
  { in: BoxSpec<z.ZodType<T>> },
  { [K in N[number]]: BoxSpec<z.ZodType<T>> },
  NoParams
> {
  const schema = options.schema ?? (z.any() as z.ZodType<T>);
  const outboxes = namedBoxes(
    'fanOut',
    names,
    "fanOut(['left', 'right'])",
    schema,
    (name) => `Every message received, in order (copy '${name}').`,
  );
  const made = defineComponent({
    name: options.name ?? 'FanOut',
    description: options.description ?? 'Sends every message it receives on each of its outboxes.',
    inboxes: { in: box(schema, 'Messages to copy to every outbox.') },
    outboxes,
    async body({ inbox, outbox }) {
      const targets = names.map((name) => (outbox as Record<string, any>)[name]);
      for await (const message of inbox.in)
        for (const target of targets) await target.send(message);
    },
  });
  return definedIn(made, factoryCaller());
}

fanOut.reference = {
  signature: 'fanOut(names, options?)',
  options: {
    names: "Names of the outboxes, e.g. `['audit', 'work']`; each gets every message.",
    'options.name': "Type name of the definition (default 'FanOut').",
    'options.description': 'One line saying where the copies go.',
    'options.schema': 'Schema of the messages (default any).',
  },
  sample: () => fanOut(['a', 'b']),
} satisfies FactoryReference;
