import { z } from 'zod';
import type { AddOptions } from './AddOptions.ts';
import { box } from './box.ts';
import type { InboxesOf, OutboxesOf } from './boxTypes.ts';
import type { Definition } from './Definition.ts';
import { defineComponent } from './defineComponent.ts';
import { Graph } from './graph.ts';
import type { ParamsInput } from './paramTypes.ts';
import type { MessageOf, Placement } from './types.ts';

/**
 * Messages to feed into each inbox.
 *
 * The second argument of {@link runComponent}: per inbox, the messages it gets, in order,
 * before it ends. An inbox left out ends at once.
 *
 * @example
 * ```ts
 * import { type Inputs, runComponent } from '@plexus/core';
 * import { Double } from './components.ts';
 *
 * const inputs: Inputs<typeof Double> = { in: [1, 2, 3] };
 * console.log(await runComponent(Double, inputs)); // { out: [2, 4, 6] }
 * ```
 */
export type Inputs<D> = {
  readonly [K in keyof InboxesOf<D>]?: readonly MessageOf<InboxesOf<D>[K]>[];
};
/**
 * Messages collected from each outbox.
 *
 * What {@link runComponent} resolves with: per outbox, every message it sent, in order.
 *
 * @example
 * ```ts
 * import { type Outputs, runComponent } from '@plexus/core';
 * import { SplitWords } from './components.ts';
 *
 * const out: Outputs<typeof SplitWords> = await runComponent(SplitWords, { in: ['a b'] });
 * console.log(out.out); // ['a', 'b']
 * ```
 */
export type Outputs<D> = { [K in keyof OutboxesOf<D>]: MessageOf<OutboxesOf<D>[K]>[] };

/**
 * Options of {@link runComponent}.
 *
 * The instance's params and placement (so the same test runs a component on a worker or in a
 * process), checked mode (on unless turned off), and the capacity of the links to and from it.
 *
 * @example
 * ```ts
 * import { runComponent } from '@plexus/core';
 * import { Count } from './components.ts';
 *
 * const { out } = await runComponent(Count, {}, { params: { to: 5 }, capacity: 1 });
 * console.log(out); // [1, 2, 3, 4, 5]
 * ```
 */
export interface RunComponentOptions<D> extends Placement {
  readonly params?: ParamsInput<D>;
  /** Checked mode (default true here): schemas, immutability and cloneability are enforced. */
  readonly checked?: boolean;
  /** Capacity of the links to and from the component. */
  readonly capacity?: number;
}

/**
 * Run one component (or composite) with given inbox contents; resolve with everything each
 * outbox sent.
 *
 * Each inbox is fed its messages in order and then ends; every outbox is collected. The run
 * is in checked mode unless `checked: false`, so a message that does not fit a schema, or is
 * changed after sending, fails the run. Rejects with the component's failure.
 *
 * @example
 * ```ts
 * import { runComponent } from '@plexus/core';
 * import { Upper } from './components.ts';
 *
 * const out = await runComponent(Upper, { in: ['a', 'b'] });
 * // out.out is ['A', 'B']
 * ```
 */
export async function runComponent<D extends Definition>(
  definition: D,
  inputs: Inputs<D> = {} as Inputs<D>,
  options: RunComponentOptions<D> = {},
): Promise<Outputs<D>> {
  const { checked = true, capacity, ...placement } = options;
  const g = new Graph(
    `runComponent(${definition.name})`,
    capacity === undefined ? {} : { capacity },
  );
  const subject = g.add(
    definition.name,
    definition as Definition,
    placement as AddOptions<Definition>,
  );
  // Its boxes as added (with any its params configure).
  for (const name of Object.keys(subject.definition.inboxes)) {
    const messages = (inputs as Record<string, readonly unknown[] | undefined>)[name] ?? [];
    g.link(g.add(`${name}-feed`, feed(messages)).outbox('out'), subject.inbox(name));
  }
  const outputs: Record<string, unknown[]> = {};
  for (const name of Object.keys(subject.definition.outboxes)) {
    const sink: unknown[] = [];
    outputs[name] = sink;
    g.link(subject.outbox(name), g.add(`${name}-collect`, collect(sink)).inbox('in'));
  }
  await g.run({ checked });
  return outputs as Outputs<D>;
}

function feed(messages: readonly unknown[]) {
  return defineComponent({
    name: 'Feed',
    description: 'Sends the given messages in order, then ends.',
    outboxes: { out: box(z.any(), 'The messages, in order.') },
    async body({ outbox }) {
      for (const message of messages) await outbox.out.send(message);
    },
  });
}

function collect(sink: unknown[]) {
  return defineComponent({
    name: 'Collect',
    description: 'Collects every message it receives into an array.',
    inboxes: { in: box(z.any(), 'Messages to collect.') },
    async body({ inbox }) {
      for await (const message of inbox.in) sink.push(message);
    },
  });
}
