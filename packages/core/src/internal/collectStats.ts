/**
 * Counters of every component and link a network runs itself, and the merge of those with
 * the snapshots remote units report. A link that crosses units is seen from both ends: the
 * sender knows what it sent, the receiver what was delivered.
 */
import type { ComponentInfo, LinkInfo } from '../types.ts';
import type { Reporter } from './boundary/attachBoundary.ts';
import { Distributor } from './boundary/Distributor.ts';
import type { ComponentRun } from './ComponentRun.ts';

export interface Stats {
  readonly components: ComponentInfo[];
  readonly links: LinkInfo[];
}

/** What `runs` (the instances run here, not proxies) and the port `readers` here can say themselves. */
export function localStats(runs: Iterable<ComponentRun>, readers: readonly Reporter[]): Stats {
  const components: ComponentInfo[] = [];
  const links: LinkInfo[] = [];
  for (const run of runs) {
    components.push(run.info());
    if (run.unit !== undefined) continue;
    for (const box in run.outboxes) {
      for (const sink of run.outboxes[box]!.links) {
        if (sink instanceof Distributor) for (const part of sink.parts) links.push(part.info());
        else links.push(sink.info());
      }
    }
  }
  // Links fed from another unit: their inboxes forget them once drained, their readers do not.
  for (const reader of readers) {
    const info = reader.info();
    if (Array.isArray(info)) links.push(...info);
    else links.push(info);
  }
  return { components, links };
}

/**
 * Merge remote snapshots into local stats: links by id; components by name, where the main
 * thread's own record (kept current by the unit's events) wins over a snapshot, which may be
 * older. Components only a unit knows (replicas, ones it added itself) come from snapshots.
 */
export function mergeStats(local: Stats, remote: readonly (Stats | undefined)[]): Stats {
  const components = new Map(local.components.map((c) => [c.name, c]));
  const links = new Map<number, LinkInfo>();
  const addLink = (info: LinkInfo) => {
    const seen = links.get(info.id);
    if (seen === undefined) {
      links.set(info.id, info);
      return;
    }
    const sent = Math.max(seen.sent, info.sent);
    const delivered = Math.min(sent, Math.max(seen.delivered, info.delivered));
    links.set(info.id, {
      ...seen,
      sent,
      delivered,
      queued: sent - delivered,
      dropped: Math.max(seen.dropped, info.dropped),
      closed: seen.closed || info.closed,
    });
  };
  for (const info of local.links) addLink(info);
  for (const snapshot of remote) {
    if (snapshot === undefined) continue;
    for (const info of snapshot.components) {
      const own = components.get(info.name);
      if (own === undefined) components.set(info.name, info);
      else if (own.state === 'running' && info.state === 'running')
        components.set(info.name, live(own, info));
    }
    for (const info of snapshot.links) addLink(info);
  }
  return {
    components: [...components.values()],
    links: [...links.values()].sort((a, b) => a.id - b.id),
  };
}

/** The main thread's record of a running proxy, with what only the unit knows: what it waits on. */
function live(own: ComponentInfo, remote: ComponentInfo): ComponentInfo {
  if (remote.waiting === undefined && remote.restarting === undefined) return own;
  const info: { -readonly [K in keyof ComponentInfo]: ComponentInfo[K] } = { ...own };
  if (remote.waiting !== undefined) info.waiting = remote.waiting;
  if (remote.until !== undefined) info.until = remote.until;
  if (remote.restarting !== undefined) info.restarting = remote.restarting;
  return info;
}

/** Mark the links that lost messages with units restarted elsewhere (counts by link id). */
export function withLost(stats: Stats, counts: Iterable<ReadonlyMap<number, number>>): Stats {
  const lost = new Map<number, number>();
  for (const map of counts) for (const [id, n] of map) lost.set(id, (lost.get(id) ?? 0) + n);
  if (lost.size === 0) return stats;
  return {
    components: stats.components,
    links: stats.links.map((link) =>
      lost.has(link.id) ? { ...link, lost: lost.get(link.id)! } : link,
    ),
  };
}
