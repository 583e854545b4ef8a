/**
 * One order for every JSON value, for sorting by keys of any kind: numbers numerically,
 * strings by code point, booleans false first; values of different kinds by kind (numbers,
 * strings, booleans, then the rest compared as JSON); nothing (undefined) last.
 */

const RANK: Record<string, number> = { number: 0, string: 1, boolean: 2 };

export function compareKeys(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const ra = RANK[typeof a] ?? 3;
  const rb = RANK[typeof b] ?? 3;
  if (ra !== rb) return ra - rb;
  if (ra === 3) {
    const [ja, jb] = [JSON.stringify(a), JSON.stringify(b)];
    return ja < jb ? -1 : ja > jb ? 1 : 0;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** A string that is the same for equal JSON values, to use as a Map key. */
export function keyOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (ArrayBuffer.isView(value))
    return `bytes:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`;
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
