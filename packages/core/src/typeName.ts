/**
 * Schemas described for people: the JSON Schema of a zod schema (or undefined where it has
 * none), and a short name for the type it allows. Tools that document components — the
 * runner's `plexus components`, the generated component reference — share them.
 */
import { z } from 'zod';

/**
 * The JSON Schema (input side) of `schema`, or undefined if it cannot be expressed.
 *
 * Types JSON Schema cannot express (functions, dates, …) come out as "any" rather than
 * failing.
 *
 * @example
 * ```ts
 * import { schemaJson, z } from '@plexus/core';
 *
 * schemaJson(z.number().int().default(3)); // { type: 'integer', default: 3, … }
 * ```
 */
export function schemaJson(schema: z.ZodType): Record<string, unknown> | undefined {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
}

/**
 * A short name for the type a schema allows: `string`, `number[]`, `{ word, count }`, `any`.
 *
 * Unions are joined with `|`, enums and constants are quoted, objects list their keys.
 *
 * @example
 * ```ts
 * import { typeName, z } from '@plexus/core';
 *
 * typeName(z.array(z.object({ word: z.string(), count: z.number() }))); // '{ word, count }[]'
 * ```
 */
export function typeName(schema: z.ZodType): string {
  const json = schemaJson(schema);
  return json === undefined ? 'any' : nameOf(json);
}

function nameOf(json: Record<string, unknown>): string {
  if (Array.isArray(json.enum)) return json.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in json) return JSON.stringify(json.const);
  const union = (json.anyOf ?? json.oneOf) as Record<string, unknown>[] | undefined;
  if (Array.isArray(union)) return union.map(nameOf).join(' | ');
  switch (json.type) {
    case 'array':
      return json.items === undefined
        ? 'array'
        : `${nameOf(json.items as Record<string, unknown>)}[]`;
    case 'object': {
      const keys = Object.keys((json.properties ?? {}) as object);
      return keys.length === 0 ? 'object' : `{ ${keys.join(', ')} }`;
    }
    case undefined:
      return json.format === 'binary' ? 'binary' : 'any';
    default:
      // Zod writes a union of primitives as a list of types: ["string", "number"].
      return Array.isArray(json.type) ? json.type.join(' | ') : String(json.type);
  }
}
