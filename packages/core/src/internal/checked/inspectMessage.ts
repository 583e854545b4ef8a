/**
 * Checked mode's boundary test: walk a message and report the first value that would not
 * survive a structured clone unchanged (functions, symbols, class instances whose methods
 * would be lost), collecting the objects to freeze and the binary data to watch.
 */
import { kindOf } from './kindOf.ts';

/** What the walk found: everything to freeze, every piece of binary data, or the first problem. */
export interface Inspection {
  readonly objects: object[];
  /** Binary data (views and buffers) with where each sits in the message. */
  readonly binaries: { readonly data: ArrayBufferView | ArrayBuffer; readonly path: string }[];
  problem?: { path: string; what: string; fix: string };
}

const PLAIN_FIX =
  'Send plain data: primitives, plain objects, arrays, Map, Set, Date, RegExp, Error and binary buffers.';

/** Walk `message` (cycles allowed, as structured clone allows them). */
export function inspectMessage(message: unknown): Inspection {
  const found: Inspection = { objects: [], binaries: [] };
  walk(message, 'message', found, new Set());
  return found;
}

function walk(value: unknown, path: string, found: Inspection, seen: Set<object>): void {
  if (found.problem !== undefined) return;
  const kind = kindOf(value);
  if (kind === 'primitive') return;
  if (kind === 'function') {
    const name = (value as { name?: string }).name;
    found.problem = { path, what: `a function${name ? ` (${name})` : ''}`, fix: PLAIN_FIX };
    return;
  }
  if (kind === 'symbol') {
    found.problem = { path, what: `a symbol (${(value as symbol).toString()})`, fix: PLAIN_FIX };
    return;
  }
  const object = value as object;
  if (seen.has(object)) return;
  seen.add(object);
  switch (kind) {
    case 'binary':
      found.binaries.push({ data: object as ArrayBufferView | ArrayBuffer, path });
      return;
    case 'shared':
      return;
    case 'instance': {
      const name =
        (Object.getPrototypeOf(object) as { constructor?: { name?: string } }).constructor?.name ??
        'anonymous';
      found.problem = {
        path,
        what: `an instance of class ${name}, which would arrive on another thread as a plain object without its methods`,
        fix: `Send plain data instead (e.g. a plain object with the fields you need), and rebuild the ${name} on the receiving side.`,
      };
      return;
    }
  }
  found.objects.push(object);
  if (kind === 'array') {
    const array = object as unknown[];
    for (let i = 0; i < array.length; i++) walk(array[i], `${path}[${i}]`, found, seen);
  } else if (kind === 'map') {
    for (const [k, v] of object as Map<unknown, unknown>) {
      walk(k, `${path} (a Map key)`, found, seen);
      walk(v, `${path}.get(${typeof k === 'string' ? JSON.stringify(k) : String(k)})`, found, seen);
    }
  } else if (kind === 'set') {
    for (const v of object as Set<unknown>) walk(v, `${path} (a Set member)`, found, seen);
  } else if (kind === 'plain') {
    if (Object.getOwnPropertySymbols(object).length > 0) {
      found.problem = {
        path,
        what: 'an object with symbol-keyed properties, which structured clone drops',
        fix: 'Use string keys.',
      };
      return;
    }
    for (const key of Object.keys(object))
      walk((object as Record<string, unknown>)[key], `${path}.${key}`, found, seen);
  }
}
