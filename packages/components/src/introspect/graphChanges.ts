/**
 * A graph's state as a stream of changes (for the Introspector): two looks at a graph's
 * counters, and the messages that say what changed between them — components added, changed
 * (state, what they wait on, restarts) and removed; links added and removed; link counters
 * that moved.
 */
import type { ComponentInfo, LinkInfo } from '@plexus/core';
import { z } from '@plexus/core';

const component = z.object({
  kind: z.literal('component'),
  change: z.enum(['added', 'changed', 'removed']),
  name: z.string(),
  type: z.string(),
  backend: z.string(),
  state: z.string(),
  where: z.string().optional(),
  waiting: z.string().optional(),
  restarts: z.number().optional(),
});

const link = z.object({
  kind: z.literal('link'),
  change: z.enum(['added', 'removed']),
  id: z.number(),
  from: z.string(),
  to: z.string(),
  capacity: z.number(),
});

const counters = z.object({
  kind: z.literal('counters'),
  at: z.number(),
  links: z.array(
    z.object({ id: z.number(), sent: z.number(), delivered: z.number(), queued: z.number() }),
  ),
});

const ended = z.object({ kind: z.literal('ended'), status: z.string() });

/**
 * One change: `kind` says which.
 *
 * @example
 * ```ts
 * import type { GraphChange } from '@plexus/components';
 *
 * export function describe(change: GraphChange): string {
 *   return change.kind === 'ended' ? `the run ended: ${change.status}` : change.kind;
 * }
 * ```
 */
export const GraphChange = z.discriminatedUnion('kind', [component, link, counters, ended]);
export type GraphChange = z.infer<typeof GraphChange>;

/** What was seen last. */
export interface Seen {
  readonly components: ReadonlyMap<string, ComponentInfo>;
  readonly links: ReadonlyMap<number, LinkInfo>;
}

export const NOTHING_SEEN: Seen = { components: new Map(), links: new Map() };

/** The changes from `before` to the graph now (`components`, `links`), and what is seen now. */
export function graphChanges(
  before: Seen,
  components: readonly ComponentInfo[],
  links: readonly LinkInfo[],
  at: number,
): { changes: GraphChange[]; seen: Seen } {
  const changes: GraphChange[] = [];
  const now: Seen = {
    components: new Map(components.map((c) => [c.name, c])),
    links: new Map(links.map((l) => [l.id, l])),
  };
  for (const [name, info] of now.components) {
    const old = before.components.get(name);
    if (old === undefined) changes.push(describe('added', info));
    else if (
      old.state !== info.state ||
      old.waiting !== info.waiting ||
      old.restarts !== info.restarts ||
      old.where !== info.where
    )
      changes.push(describe('changed', info));
  }
  for (const [name, info] of before.components)
    if (!now.components.has(name)) changes.push(describe('removed', info));
  for (const [id, info] of now.links)
    if (!before.links.has(id))
      changes.push({
        kind: 'link',
        change: 'added',
        id,
        from: info.from,
        to: info.to,
        capacity: info.capacity,
      });
  for (const [id, info] of before.links)
    if (!now.links.has(id))
      changes.push({
        kind: 'link',
        change: 'removed',
        id,
        from: info.from,
        to: info.to,
        capacity: info.capacity,
      });
  const moved = links
    .filter((l) => {
      const old = before.links.get(l.id);
      return old === undefined || old.sent !== l.sent || old.delivered !== l.delivered;
    })
    .map(({ id, sent, delivered, queued }) => ({ id, sent, delivered, queued }));
  if (moved.length > 0) changes.push({ kind: 'counters', at, links: moved });
  return { changes, seen: now };
}

function describe(change: 'added' | 'changed' | 'removed', info: ComponentInfo): GraphChange {
  return {
    kind: 'component',
    change,
    name: info.name,
    type: info.type,
    backend: info.backend,
    state: info.state,
    ...(info.where === undefined ? {} : { where: info.where }),
    ...(info.waiting === undefined ? {} : { waiting: info.waiting }),
    ...(info.restarts === undefined ? {} : { restarts: info.restarts }),
  };
}
