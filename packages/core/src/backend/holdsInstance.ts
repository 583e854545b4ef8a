/**
 * Fast mode's one look at a message that crosses as a structured clone: does it hold an
 * instance of a class (or any object whose prototype is not a plain object's)? A clone would
 * deliver it as a plain object without its methods, and the receiver would go on with something
 * else than was sent; refused instead, it fails its sender as in checked mode. Plain objects and
 * arrays are recognised by their prototype, so the walk costs a prototype load per object;
 * only batches that cross as a clone are walked (records that cross as JSON text or columns are
 * plain already), and a socket's frame writer walks only what it cannot write itself.
 */
import { kindOf } from '../internal/checked/kindOf.ts';

/** Nesting past which objects are remembered, so a cycle ends the walk. */
const DEEP = 16;
let seen: Set<object> | null = null;

/**
 * Whether `value` is or holds a class instance anywhere a structured clone would reach.
 *
 * For transports that write their own encoding: refuse such a message (throw) rather than
 * deliver a plain object in its place, as the links between threads do. Cycles are allowed.
 *
 * @example
 * ```ts
 * import { holdsInstance } from '@plexus/core/backend';
 *
 * class Point { constructor(readonly x: number) {} }
 * holdsInstance({ at: new Point(1) }); // true
 * holdsInstance({ at: { x: 1 }, when: new Date() }); // false
 * ```
 */
export function holdsInstance(value: unknown): boolean {
  try {
    return walk(value, 0);
  } finally {
    seen = null;
  }
}

function walk(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > DEEP) {
    seen ??= new Set();
    if (seen.has(value)) return false;
    seen.add(value);
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return fields(value, depth);
  if (proto === Array.prototype) return elements(value as unknown[], depth);
  switch (kindOf(value)) {
    case 'instance':
      return true;
    case 'plain':
      return fields(value, depth);
    case 'array':
      return elements(value as unknown[], depth);
    case 'map':
      for (const [k, v] of value as Map<unknown, unknown>)
        if (walk(k, depth + 1) || walk(v, depth + 1)) return true;
      return false;
    case 'set':
      for (const v of value as Set<unknown>) if (walk(v, depth + 1)) return true;
      return false;
    default:
      // Dates, errors, binary data, boxed primitives: cloned as what they are.
      return false;
  }
}

function fields(value: object, depth: number): boolean {
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'object' && field !== null && walk(field, depth + 1)) return true;
  }
  return false;
}

function elements(array: readonly unknown[], depth: number): boolean {
  for (let i = 0; i < array.length; i++) {
    const element = array[i];
    if (typeof element === 'object' && element !== null && walk(element, depth + 1)) return true;
  }
  return false;
}
