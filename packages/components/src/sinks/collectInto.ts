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
 * Make a sink that pushes every message it receives into an array your code holds.
 *
 * For tests and code-built pipelines: when the graph's run resolves, `into` holds every
 * message, in the order taken. Messages are frozen in checked mode (they are immutable once
 * sent), so copy one before changing it. Its inbox takes anything, so it links to any outbox
 * (`collectInto([])` included). It shares memory with your code, so it belongs
 * inline: placed on a worker or process it would fill that side's copy of the array.
 *
 * @example
 * ```ts
 * import { FromItems, collectInto } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * const seen: unknown[] = [];
 * const g = graph();
 * g.pipeline(
 *   g.add('items', FromItems, { params: { items: [1, 2] } }),
 *   g.add('sink', collectInto(seen)),
 * );
 * await g.run();
 * // seen: [1, 2]
 * ```
 */
export function collectInto<T = any>(
  into: T[],
  options: FactoryOptions = {},
): ComponentDefinition<{ in: BoxSpec<z.ZodAny> }, {}, NoParams> {
  const made = defineComponent({
    name: options.name ?? 'CollectInto',
    description:
      options.description ?? 'Pushes every message it receives into an array held by code.',
    inboxes: { in: box(z.any(), 'Messages to collect.') },
    async body({ inbox }) {
      const input = inbox.in;
      while (await input.wait()) while (input.dataReady()) into.push(input.recv() as T);
    },
  });
  return definedIn(made, factoryCaller());
}

collectInto.reference = {
  signature: 'collectInto(into, options?)',
  options: {
    into: 'The array to push every message into.',
    'options.name': "Type name of the definition (default 'CollectInto').",
    'options.description': 'One line saying what it collects.',
  },
  sample: () => collectInto([]),
} satisfies FactoryReference;
