/**
 * Taps on a run's links, wherever they end: a link whose receiving end runs here is tapped
 * here; any other is asked of the units (the one that holds the link's receiving end answers,
 * the rest find nothing).
 */
import type { TapOptions, TapSample } from '../../inspect.ts';
import type { ComponentRun } from '../ComponentRun.ts';
import type { Link } from '../Link.ts';
import type { Net } from '../Net.ts';
import type { RemoteUnit } from '../units/RemoteUnit.ts';
import { tapLink } from './tapLink.ts';

type Listener = (sample: TapSample) => void;

/** The link with id `id` whose receiving inbox is one of `runs` (those run here). */
export function findLink(runs: readonly ComponentRun[], id: number): Link | undefined {
  for (const run of runs) {
    if (run.unit !== undefined) continue;
    for (const box in run.inboxes) {
      for (const link of run.inboxes[box]!.feeds) if (link.id === id) return link;
    }
  }
  return undefined;
}

export function tapRun(
  net: Net,
  units: readonly RemoteUnit[],
  id: number,
  options: TapOptions,
  listener: Listener,
): () => void {
  const link = findLink(net.leaves(), id);
  if (link !== undefined) return tapLink(link, options, listener);
  const stops = units.map((unit) => unit.tap(id, options, listener));
  return () => {
    for (const stop of stops) stop();
  };
}
