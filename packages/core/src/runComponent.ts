import { z } from 'zod';
import { box } from './box.ts';
import { defineComponent } from './defineComponent.ts';
import type { AddOptions, Definition, InboxesOf, OutboxesOf, ParamsInput } from './definitions.ts';
import { Graph } from './graph.ts';
import type { MessageOf, Placement } from './types.ts';

/** Messages to feed into each inbox. */
export type Inputs<D> = {
  readonly [K in keyof InboxesOf<D>]?: readonly MessageOf<InboxesOf<D>[K]>[];
};
/** Messages collected from each outbox. */
export type Outputs<D> = { [K in keyof OutboxesOf<D>]: MessageOf<OutboxesOf<D>[K]>[] };

/** Options of {@link runComponent}. */
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
