import { box, defineComponent, type LinkInfo, type Outbox, z } from '@plexus/core';
import { watchInspector } from '@plexus/inspector/client';
import { sleep } from '../internal/sleep.ts';
import { GraphChange, graphChanges, NOTHING_SEEN, type Seen } from './graphChanges.ts';

/**
 * Sends a graph's state as messages, after Kamaelia's Introspector: components added, changed
 * and removed, links added and removed, and link counters — so a graph can watch itself or
 * another.
 *
 * Without `url` it watches the run it is part of, every `everyMs` (from the main thread the
 * whole graph; placed on a worker or in a process, that unit's components), and ends once
 * every other component has, except those it feeds. With `url` — the address
 * `plexus run --inspect` printed, token included — it watches that run, wherever it is,
 * through its inspector, and ends with a `{ kind: 'ended' }` message when that run does. The
 * first message lists everything as `added`; then only what changed is sent.
 *
 * @example
 * ```ts
 * import { collectInto, FromItems, type GraphChange, Introspector } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * const changes: GraphChange[] = [];
 * const g = graph();
 * g.pipeline(
 *   g.add('look', Introspector, { params: { everyMs: 10 } }),
 *   g.add('log', collectInto(changes)),
 * );
 * g.pipeline(
 *   g.add('numbers', FromItems, { params: { items: [1, 2, 3] } }),
 *   g.add('keep', collectInto([])),
 * );
 * await g.run();
 * // The first look lists everything as added; each later one sends what changed.
 * const components = changes.flatMap((c) => (c.kind === 'component' ? [c] : []));
 * const added = components.filter((c) => c.change === 'added').map((c) => c.name);
 * const ended = components.filter((c) => c.state === 'ended').map((c) => c.name);
 * // added: ['look', 'log', 'numbers', 'keep'], ended: ['numbers', 'keep']
 * ```
 */
export const Introspector = defineComponent({
  name: 'Introspector',
  description:
    "Sends a graph's state as messages: components and links added, changed and removed, and link counters.",
  outboxes: { out: box(GraphChange, 'What changed in the graph since the last message.') },
  params: z.object({
    url: z
      .string()
      .optional()
      .describe(
        'The address of another run’s inspector (plexus run --inspect printed it, ?token=… included); default: watch this run.',
      ),
    everyMs: z
      .number()
      .int()
      .min(10)
      .default(500)
      .describe('Milliseconds between two looks at this run (without url).'),
  }),
  async body({ name, outbox, params, signal, stats }) {
    if (params.url !== undefined) {
      await watchElsewhere(params.url, outbox.out, signal);
      return;
    }
    let seen: Seen = NOTHING_SEEN;
    for (;;) {
      const now = stats();
      const next = graphChanges(seen, now.components, now.links, Date.now());
      seen = next.seen;
      for (const change of next.changes) await outbox.out.send(change);
      if (othersDone(name, now.components, now.links)) return;
      await sleep(params.everyMs, signal);
    }
  },
});

/** Every component has finished but this one and those it feeds (directly or not). */
function othersDone(
  self: string,
  components: readonly { name: string; state: string }[],
  links: readonly LinkInfo[],
): boolean {
  const fed = new Set([self]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const link of links) {
      const from = link.from.slice(0, link.from.lastIndexOf('.'));
      const to = link.to.slice(0, link.to.lastIndexOf('.'));
      if (fed.has(from) && !fed.has(to)) {
        fed.add(to);
        grew = true;
      }
    }
  }
  return components.every((c) => fed.has(c.name) || (c.state !== 'running' && c.state !== 'idle'));
}

async function watchElsewhere(
  url: string,
  out: Outbox<GraphChange>,
  signal: AbortSignal,
): Promise<void> {
  let seen: Seen = NOTHING_SEEN;
  for await (const { event, data } of watchInspector(url, signal)) {
    if (event === 'tick') {
      const tick = data as { at: number; components: never[]; links: LinkInfo[] };
      const next = graphChanges(seen, tick.components, tick.links, tick.at);
      seen = next.seen;
      for (const change of next.changes) await out.send(change);
    } else if (event === 'end') {
      await out.send({ kind: 'ended', status: (data as { status: string }).status });
    }
  }
}
