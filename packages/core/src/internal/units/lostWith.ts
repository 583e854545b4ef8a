/**
 * What the links of a unit that is not durable lost when a copy of it died on another host and
 * a new copy replaced it: messages sent to the copy that it had not taken (in flight, or in its
 * inboxes), and messages it had sent that never arrived. The copy's side comes from its last
 * report (units report every 50 ms), the live ends' side from what they count now; counts start
 * again with each copy.
 */
import type { UnitStats } from '../../backend/UnitEvents.ts';
import type { PlannedBoundary } from '../../backend/UnitPlan.ts';
import { type ErrorData, fromErrorData } from '../../errors.ts';
import type { LinkInfo } from '../../types.ts';

/**
 * Count what each link that is not durable lost with the copy whose last report is `last`;
 * `live` are the links as their other ends see them, `before` what those ends had counted when
 * the copy started (updated here). `add` takes each count; returns them as a sentence.
 */
export function lostWith(
  boundaries: readonly PlannedBoundary[],
  last: UnitStats | undefined,
  live: readonly LinkInfo[],
  before: Map<number, number>,
  add: (id: number, lost: number) => void,
): string {
  const counts: string[] = [];
  let total = 0;
  for (const boundary of boundaries) {
    if (boundary.durable === true) continue;
    for (const port of boundary.ports) {
      const other = live.find((link) => link.id === port.id);
      if (other === undefined) continue;
      const copy = last?.links.find((link) => link.id === port.id);
      // The other end's count so far: what it sent into the unit, or what reached it.
      const now = boundary.side === 'receive' ? other.sent : other.sent + (other.held ?? 0);
      const since = now - (before.get(port.id) ?? 0);
      before.set(port.id, now);
      const lost =
        boundary.side === 'receive' ? since - (copy?.delivered ?? 0) : (copy?.sent ?? 0) - since;
      if (lost <= 0) continue;
      add(port.id, lost);
      total += lost;
      counts.push(`${other.from} -> ${other.to}: ${lost}`);
    }
  }
  if (total === 0) return '';
  return ` ${total} message${total === 1 ? '' : 's'} on links that are not durable went with the copy that died and are lost (${counts.join('; ')}); make those links durable to keep them.`;
}

/** `data` as an error, with `sentence` (what was lost) after its message. */
export function lostError(data: ErrorData, sentence: string): Error {
  const error = fromErrorData(data);
  error.message += sentence;
  return error;
}
