/**
 * The taps clients have opened, one per edge however many clients watch it: the edge's links
 * tapped in the run (all its replicas' links), samples accepted at most one per `every` ms for
 * the whole edge, the last `last` kept, and new ones handed out with each tick. A tap ends
 * when its last client closes it or goes away, so a forgotten page leaves nothing running.
 */
import type { InspectedRun, TapSample } from '@plexus/core';
import type { TapBounds, TapEvent } from '../protocol.ts';

/** How many taps one client may hold open. */
const TAPS_PER_CLIENT = 8;

interface EdgeTap {
  readonly clients: Set<string>;
  readonly untap: (() => void)[];
  /** The last samples, oldest first. */
  readonly samples: TapSample[];
  /** Samples not yet handed out. */
  fresh: TapSample[];
  lastAt: number;
}

export class TapHub {
  private readonly taps = new Map<string, EdgeTap>();

  constructor(
    private readonly run: InspectedRun,
    readonly bounds: TapBounds,
  ) {}

  /**
   * Tap edge `edge` (links `links`) for `client`. Returns the samples kept so far, or a
   * sentence saying why not.
   */
  open(client: string, edge: string, links: readonly number[]): TapSample[] | string {
    let tap = this.taps.get(edge);
    if (tap?.clients.has(client)) return tap.samples.slice();
    const held = [...this.taps.values()].filter((t) => t.clients.has(client)).length;
    if (held >= TAPS_PER_CLIENT)
      return `A page may tap at most ${TAPS_PER_CLIENT} links at once; close one first.`;
    if (tap === undefined) {
      const created: EdgeTap = { clients: new Set(), untap: [], samples: [], fresh: [], lastAt: 0 };
      const options = { every: this.bounds.every, maxChars: this.bounds.maxChars };
      for (const id of links)
        created.untap.push(this.run.tap(id, options, (sample) => this.take(created, sample)));
      this.taps.set(edge, created);
      tap = created;
    }
    tap.clients.add(client);
    return tap.samples.slice();
  }

  close(client: string, edge: string): void {
    const tap = this.taps.get(edge);
    if (tap === undefined || !tap.clients.delete(client) || tap.clients.size > 0) return;
    for (const untap of tap.untap) untap();
    this.taps.delete(edge);
  }

  /** A client went away: close its taps. */
  forget(client: string): void {
    for (const edge of [...this.taps.keys()]) this.close(client, edge);
  }

  /** Samples that arrived since the last call, per edge, and who gets them. */
  drain(): { event: TapEvent; clients: ReadonlySet<string> }[] {
    const out: { event: TapEvent; clients: ReadonlySet<string> }[] = [];
    for (const [edge, tap] of this.taps) {
      if (tap.fresh.length === 0) continue;
      out.push({ event: { edge, samples: tap.fresh }, clients: tap.clients });
      tap.fresh = [];
    }
    return out;
  }

  /** Remove every tap (the run is over, or the inspector closes). */
  clear(): void {
    for (const tap of this.taps.values()) for (const untap of tap.untap) untap();
    this.taps.clear();
  }

  private take(tap: EdgeTap, sample: TapSample): void {
    // Each link keeps its own pace; the edge as a whole keeps the bound too.
    if (sample.at - tap.lastAt < this.bounds.every) return;
    tap.lastAt = sample.at;
    tap.samples.push(sample);
    if (tap.samples.length > this.bounds.last) tap.samples.shift();
    tap.fresh.push(sample);
    if (tap.fresh.length > this.bounds.last) tap.fresh.shift();
  }
}
