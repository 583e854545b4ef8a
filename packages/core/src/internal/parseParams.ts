/**
 * An instance's params, parsed against its definition's schema when it is added; params parsed
 * from nothing are parsed once per definition.
 */
import type { Definition } from '../Definition.ts';
import { Errors } from '../errors.ts';
import { formatIssues } from './checked/formatIssues.ts';
import { listNames } from './naming.ts';

const NO_PARAMS = Object.freeze({});

/** The validated, frozen params of instance `full` of `definition`, from what `add` was given. */
export function parseParams(full: string, definition: Definition, input: unknown): unknown {
  if (definition.params === undefined) {
    if (input !== undefined && Object.keys(input as object).length > 0) {
      throw Errors.badParams(
        full,
        definition.name,
        `it takes no params, but was given ${listNames(Object.keys(input as object))}`,
      );
    }
    return NO_PARAMS;
  }
  if (input === undefined) {
    const cached = defaults.get(definition);
    if (cached !== undefined) return cached;
  }
  const result = definition.params.safeParse(input ?? {});
  if (!result.success)
    throw Errors.badParams(full, definition.name, formatIssues(result.error.issues, 'params'));
  const params = Object.freeze(result.data);
  if (input === undefined && isFlat(params)) defaults.set(definition, params);
  return params;
}

/**
 * Params parsed from nothing (every field at its default), per definition: large graphs add
 * many instances of one definition without params, and parsing the same defaults for each is
 * most of what `add` costs. Only records of primitives are kept, since every instance then
 * shares the one frozen object and nothing in it can be changed.
 */
const defaults = new WeakMap<Definition, unknown>();

function isFlat(params: unknown): boolean {
  if (typeof params !== 'object' || params === null) return true;
  for (const key in params) {
    const value = (params as Record<string, unknown>)[key];
    if (typeof value === 'object' ? value !== null : typeof value === 'function') return false;
  }
  return true;
}
