/**
 * Checked mode's boundary test: walk a message and report the first value that would not
 * survive a structured clone unchanged (functions, symbols, class instances whose methods
 * would be lost), collecting the objects to freeze and the binary views to watch.
 */

/** What the walk found: everything to freeze, every binary view, or the first problem. */
export interface Inspection {
  readonly objects: object[];
  /** Binary data (views and buffers) with where each sits in the message. */
  readonly binaries: { readonly data: ArrayBufferView | ArrayBuffer; readonly path: string }[];
  problem?: { path: string; what: string; fix: string };
}

const PLAIN_FIX =
  'Send plain data: primitives, plain objects, arrays, Map, Set, Date, RegExp, Error and binary buffers.';

const CLONEABLE_BUILTINS: readonly unknown[] = [
  Date.prototype,
  RegExp.prototype,
  Boolean.prototype,
  Number.prototype,
  String.prototype,
];

/** Walk `message` (cycles allowed, as structured clone allows them). */
export function inspectMessage(message: unknown): Inspection {
  const found: Inspection = { objects: [], binaries: [] };
  walk(message, 'message', found, new Set());
  return found;
}

function walk(value: unknown, path: string, found: Inspection, seen: Set<object>): void {
  if (found.problem !== undefined) return;
  switch (typeof value) {
    case 'function':
      found.problem = { path, what: `a function${value.name ? ` (${value.name})` : ''}`, fix: PLAIN_FIX };
      return;
    case 'symbol':
      found.problem = { path, what: `a symbol (${value.toString()})`, fix: PLAIN_FIX };
      return;
    case 'object':
      break;
    default:
      return;
  }
  if (value === null || seen.has(value)) return;
  seen.add(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    found.binaries.push({ data: value, path });
    return;
  }
  if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) return;
  found.objects.push(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], `${path}[${i}]`, found, seen);
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      walk(k, `${path} (a Map key)`, found, seen);
      walk(v, `${path}.get(${typeof k === 'string' ? JSON.stringify(k) : String(k)})`, found, seen);
    }
    return;
  }
  if (value instanceof Set) {
    for (const v of value) walk(v, `${path} (a Set member)`, found, seen);
    return;
  }
  if (value instanceof Error) return;
  const proto = Object.getPrototypeOf(value);
  if (CLONEABLE_BUILTINS.includes(proto)) return;
  if (proto !== Object.prototype && proto !== null) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'anonymous';
    found.problem = {
      path,
      what: `an instance of class ${name}, which would arrive on another thread as a plain object without its methods`,
      fix: `Send plain data instead (e.g. a plain object with the fields you need), and rebuild the ${name} on the receiving side.`,
    };
    return;
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    found.problem = {
      path,
      what: 'an object with symbol-keyed properties, which structured clone drops',
      fix: 'Use string keys.',
    };
    return;
  }
  for (const key of Object.keys(value)) {
    walk((value as Record<string, unknown>)[key], `${path}.${key}`, found, seen);
  }
}
