/** "Did you mean" for the runner's messages. */
import { closest, distance } from 'fastest-levenshtein';

/** `; did you mean 'x'?` when a candidate is close to `name`, else an empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(name, candidates as string[]);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3))
    ? `; did you mean '${best}'?`
    : '';
}

/** `'a', 'b'`, or `(none)`. */
export function listNames(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((n) => `'${n}'`).join(', ');
}
