/** "Did you mean" for the runner's messages. */
import { closestName } from '@plexus/core';

/** `; did you mean 'x'?` when a candidate is close to `name`, else an empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const best = closestName(name, candidates);
  return best === undefined ? '' : `; did you mean '${best}'?`;
}

/** `'a', 'b'`, or `(none)`. */
export function listNames(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((n) => `'${n}'`).join(', ');
}
