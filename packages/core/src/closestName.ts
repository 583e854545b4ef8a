import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped name most likely meant, if one is close enough.
 *
 * Close enough means within a third of the name's length in edits (at least 2), by Levenshtein
 * distance: `'splt'` finds `'split'`, `'x'` finds nothing among `'split'` and `'count'`. Every
 * "did you mean" in Plexus's messages (unknown components, boxes, graph-file keys) comes
 * from here, so they agree on what is close.
 *
 * @example
 * ```ts
 * import { closestName } from '@plexus/core';
 *
 * closestName('splt', ['split', 'count']); // 'split'
 * ```
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(name, candidates as string[]);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
