/**
 * Whether two boxes' schemas can ever meet, decided where it can be: each schema becomes the
 * set of JSON types it allows (via zod's JSON Schema), and a link between disjoint sets can
 * carry nothing. Anything richer (refinements, shapes) is left to checked mode at run time.
 */
import { z } from 'zod';

const PLURAL: Record<string, string> = {
  string: 'strings',
  number: 'numbers',
  integer: 'integers',
  boolean: 'booleans',
  object: 'objects',
  array: 'arrays',
  null: 'nulls',
};

/** The kinds each side carries, when no value could fit both; else undefined. */
export function incompatible(
  out: z.ZodType,
  into: z.ZodType,
): { from: string; to: string } | undefined {
  const a = types(out);
  const b = types(into);
  if (a === undefined || b === undefined) return undefined;
  for (const type of a)
    if (
      b.has(type) ||
      (type === 'integer' && b.has('number')) ||
      (type === 'number' && b.has('integer'))
    )
      return undefined;
  return { from: describe(a), to: describe(b) };
}

function describe(types: Set<string>): string {
  return [...types].map((t) => PLURAL[t] ?? t).join(' or ');
}

function types(schema: z.ZodType): Set<string> | undefined {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
  return typesOf(json);
}

function typesOf(json: Record<string, unknown>): Set<string> | undefined {
  if (typeof json.type === 'string') return new Set([json.type]);
  if (Array.isArray(json.type)) return new Set(json.type as string[]);
  if ('const' in json) return new Set([jsonType(json.const)]);
  if (Array.isArray(json.enum)) return new Set((json.enum as unknown[]).map(jsonType));
  const members = (json.anyOf ?? json.oneOf) as Record<string, unknown>[] | undefined;
  if (Array.isArray(members)) {
    const all = new Set<string>();
    for (const member of members) {
      const found = typesOf(member);
      if (found === undefined) return undefined;
      for (const t of found) all.add(t);
    }
    return all;
  }
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}
