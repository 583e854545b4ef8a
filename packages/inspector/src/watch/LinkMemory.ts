/**
 * The links a run has shown, remembered from one `stats()` to the next. A link that crosses
 * into a worker, a child process or a NATS node is counted by the unit at its end, which
 * reports every 50 ms — when it has started, and when its thread is not held by a busy
 * component. Until then `stats()` leaves the link out, though it was there before the units
 * started and still is. Taken as they come, such links would vanish from the drawing and come
 * back, and their counters drop to nothing and jump. Here a link stays, with the last counters
 * it was seen with, until the run says it is gone (`link:remove`) or one of its components has
 * left the graph; and its rate is taken over the time since it was last seen, not since the
 * last tick.
 */
import type { GraphStats } from '@plexus/core';
import { replicaOf } from '../layout/graphShape.ts';
import type { LinkTick } from '../protocol.ts';

interface Seen {
  readonly link: LinkTick;
  /** When its counters were last read (`performance.now()`). */
  readonly at: number;
}

export class LinkMemory {
  private readonly seen = new Map<number, Seen>();
  private readonly removed = new Set<number>();

  /** The run removed link `id` (`link:remove`): it is not shown again. */
  forget(id: number): void {
    this.seen.delete(id);
    this.removed.add(id);
  }

  /**
   * Every link of `stats`, with its rate, and the links seen before that it leaves out while
   * both their components are still in the graph; ordered by id. `now` is `performance.now()`.
   */
  links(stats: GraphStats, now: number): LinkTick[] {
    const names = new Set(stats.components.map((c) => c.name));
    const reported = new Set<number>();
    const links: LinkTick[] = [];
    for (const info of stats.links) {
      if (this.removed.has(info.id)) continue;
      reported.add(info.id);
      const before = this.seen.get(info.id);
      const seconds = Math.max((now - (before?.at ?? now)) / 1000, 0.001);
      const rate =
        before === undefined ? 0 : Math.round(Math.max(0, info.sent - before.link.sent) / seconds);
      const link = { ...info, rate };
      this.seen.set(info.id, { link, at: now });
      links.push(link);
    }
    for (const [id, { link }] of this.seen) {
      if (reported.has(id)) continue;
      if (inGraph(link.from, names) && inGraph(link.to, names)) links.push(link);
      else this.seen.delete(id);
    }
    return links.sort((a, b) => a.id - b.id);
  }
}

/** `count#2.in` is in the graph while `count#2`, or `count` whose replica it is, is. */
function inGraph(end: string, names: ReadonlySet<string>): boolean {
  const instance = end.slice(0, end.lastIndexOf('.'));
  return names.has(instance) || replicaOf(instance, names) !== undefined;
}
