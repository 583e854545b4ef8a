/**
 * A component's params against its params schema, as sentences: unknown params (which a zod
 * object would strip without a word) with a did-you-mean, then what the schema refuses.
 */
import type { Definition, z } from '@plexus/core';
import { didYouMean, listNames } from '../naming.ts';

type Path = (string | number)[];

/** Report each problem of `params` for `definition`, at its path inside the params. */
export function checkParams(
  definition: Definition,
  params: Record<string, unknown> | undefined,
  /**
   * `key`: the problem is the key itself (a param it does not take), not its value. `offset`:
   * characters into a string value, where a schema says its value goes wrong (a custom issue
   * with `params: { offset }`, e.g. where a JSONata expression fails to parse).
   */
  report: (path: Path, message: string, where?: { key?: boolean; offset?: number }) => void,
): void {
  if (definition.params === undefined) {
    const given = Object.keys(params ?? {});
    if (given.length > 0)
      report([given[0]!], `it takes no params, but was given ${listNames(given)}`, {
        key: true,
      });
    return;
  }
  // Params schemas strip keys they do not know; a graph file's typo should not vanish silently.
  const known = Object.keys(definition.params.shape);
  const unknown = Object.keys(params ?? {}).filter((key) => !known.includes(key));
  for (const key of unknown) {
    report(
      [key],
      `it has no param '${key}'${didYouMean(key, known) || `; its params are: ${listNames(known)}`}`,
      { key: true },
    );
  }
  const result = definition.params.safeParse(params ?? {}, { reportInput: true });
  if (result.success) return;
  for (const issue of result.error.issues) {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') continue; // reported above
    const offset = issue.code === 'custom' ? issue.params?.offset : undefined;
    report(
      path,
      `${path.length === 0 ? 'they' : `'${path.join('.')}'`} ${issueText(issue)}`,
      typeof offset === 'number' ? { offset } : {},
    );
  }
}

/** What is wrong, as the end of a sentence: `must be an array, not a number`. */
export function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const got =
      issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
    return issue.input === undefined
      ? `is required (${an(issue.expected)})`
      : `must be ${an(issue.expected)}, not ${an(got)}`;
  }
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  return issue.message.replace(/^Invalid input: /, 'is not valid: ');
}

function an(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
