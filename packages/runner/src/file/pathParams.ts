/**
 * Params that are paths. A component marks one with `.meta({ format: 'path' })` on its zod
 * schema; in a graph file its value is then relative to the graph file, like every other
 * path there, and on the command line (`--set read.path=…`) relative to where you are.
 */
import { isAbsolute, resolve } from 'node:path';
import { type Definition, z } from '@plexus/core';

/** The names of `definition`'s params marked `format: 'path'`. */
export function pathParams(definition: Definition): string[] {
  if (definition.params === undefined) return [];
  let json: { properties?: Record<string, { format?: string }> };
  try {
    json = z.toJSONSchema(definition.params, {
      io: 'input',
      unrepresentable: 'any',
    }) as typeof json;
  } catch {
    return [];
  }
  return Object.entries(json.properties ?? {})
    .filter(([, property]) => property.format === 'path')
    .map(([name]) => name);
}

/** `params` with the relative paths among `names` resolved against `dir` (`-`, standard input or output, stays). */
export function resolvePaths(
  params: Readonly<Record<string, unknown>> | undefined,
  names: readonly string[],
  dir: string,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = { ...params };
  for (const name of names) {
    const value = resolved[name];
    if (typeof value === 'string' && value !== '' && value !== '-' && !isAbsolute(value))
      resolved[name] = resolve(dir, value);
  }
  return resolved;
}
