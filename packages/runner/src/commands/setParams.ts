/** `--set read.path=words.txt`: params of named instances, values read as YAML scalars. */
import { parse } from 'yaml';

export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
}

export function parseSets(sets: readonly string[]): Map<string, Record<string, unknown>> {
  const params = new Map<string, Record<string, unknown>>();
  for (const set of sets) {
    const match = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w.-]*)=(.*)$/s.exec(set);
    if (match === null) {
      throw new UsageError(
        `--set '${set}' is not instance.param=value (e.g. --set read.path=words.txt)`,
      );
    }
    const [, instance, param, raw] = match;
    // A list or map only when written as one (`[a, b]`, `{ k: v }`); otherwise a scalar, so
    // `--set read.path=-` is the string '-', not a YAML list.
    let value: unknown = raw;
    try {
      const parsed: unknown = parse(raw!);
      if (/^\s*[[{]/.test(raw!) || parsed === null || typeof parsed !== 'object') value = parsed;
    } catch {
      value = raw;
    }
    const target = params.get(instance!) ?? {};
    // a.b.c=1 sets nested objects.
    const keys = param!.split('.');
    let node: Record<string, unknown> = target;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = value;
    params.set(instance!, target);
  }
  return params;
}
