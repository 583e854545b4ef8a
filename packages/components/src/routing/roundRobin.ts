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
 * Options of {@link roundRobin}.
 *
 * `skipFull` turns strict turns into load balancing (a full outbox is passed over); a schema
 * types the messages.
 *
 * @example
 * ```ts
 * import { roundRobin } from '@plexus/components';
 *
 * export const Deal = roundRobin(['fast', 'slow'], { skipFull: true, name: 'Deal' });
 * ```
 */
export interface RoundRobinOptions<T> extends FactoryOptions {
  /**
   * Pass over an outbox whose link is full and use the next one with room (load balancing);
   * when all are full, wait for whichever gets room first. Default false: strict turns.
   */
  readonly skipFull?: boolean;
  /** Schema of the messages (default: anything). */
  readonly schema?: z.ZodType<T>;
}

/**
 * Make a component that deals messages to its named outboxes in turn.
 *
 * The first message goes to the first outbox, the second to the second, and so on, round and
 * round: with strict turns (the default) each outbox gets every n-th message, and a full one
 * makes the dealer wait. With `skipFull`, a message goes to the next outbox that has room,
 * or, when all are full, to whichever gets room first, so a slow or stalled destination gets
 * fewer and never holds up the rest. Every outbox is required. It ends when its input does. For
 * parallel work across threads, replicas (`{ backend: 'worker', replicas: 4 }`) do this for
 * you; this is for distinct destinations. Code only, like {@link map}.
 *
 * @example
 * ```ts
 * import { roundRobin } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { a, b } = await runComponent(roundRobin(['a', 'b']), { in: [1, 2, 3] });
 * // a: [1, 3], b: [2]
 * ```
 */
export function roundRobin<const N extends readonly string[], T = any>(
  names: N,
  options: RoundRobinOptions<T> = {},
): ComponentDefinition<
  { in: BoxSpec<z.ZodType<T>> },
  { [K in N[number]]: BoxSpec<z.ZodType<T>> },
  NoParams
> {
  const schema = options.schema ?? (z.any() as z.ZodType<T>);
  const outboxes = namedBoxes(
    'roundRobin',
    names,
    "roundRobin(['a', 'b'])",
    schema,
    (name) => `Its share of the messages (outbox '${name}').`,
  );
  const made = defineComponent({
    name: options.name ?? 'RoundRobin',
    description: options.description ?? 'Deals messages to its outboxes in turn.',
    inboxes: { in: box(schema, 'Messages to deal out.') },
    outboxes,
    async body({ inbox, outbox, waitRoom }) {
      const targets = names.map((name) => (outbox as Record<string, any>)[name]);
      const n = targets.length;
      let turn = 0;
      for await (const message of inbox.in) {
        if (options.skipFull !== true) {
          await targets[turn].send(message);
          turn = (turn + 1) % n;
          continue;
        }
        let sent = -1;
        for (let i = 0; i < n && sent < 0; i++) {
          if (targets[(turn + i) % n].trySend(message)) sent = (turn + i) % n;
        }
        if (sent < 0) {
          // Every destination is full: the first to get room takes it.
          const free = await waitRoom(...targets);
          free.trySend(message);
          sent = targets.indexOf(free);
        }
        turn = (sent + 1) % n;
      }
    },
  });
  return definedIn(made, factoryCaller());
}

roundRobin.reference = {
  signature: 'roundRobin(names, options?)',
  options: {
    names: "Names of the outboxes, e.g. `['a', 'b']`, dealt to in this order.",
    'options.skipFull':
      'Pass over full outboxes to the next with room (default false: strict turns).',
    'options.name': "Type name of the definition (default 'RoundRobin').",
    'options.description': 'One line saying where the messages go.',
    'options.schema': 'Schema of the messages (default any).',
  },
  sample: () => roundRobin(['a', 'b']),
} satisfies FactoryReference;
