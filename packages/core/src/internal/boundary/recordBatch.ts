/**
 * Batches of plain records cross a boundary as JSON text.
 *
 * A batch normally crosses as the structured clone postMessage makes of it, which carries any
 * cloneable value. For the commonest stream between threads — small records of strings,
 * integers and booleans — decoding that clone is most of the receiving thread's work (V8
 * rebuilds every object key by key), and the receiver is where such a link's throughput is
 * lost. JSON text of the same records is quicker to write and to parse, and crosses as a single
 * string: the worker-link benchmark moves its records ~1.3× as fast this way (1.20× a raw
 * MessagePort of cloned arrays, against 0.92× with cloned batches, in the same rounds).
 *
 * JSON is used only where it is exact, where parsing the text gives back what a structured
 * clone would, and where it is faster: every message in the batch a plain object (constructor
 * `Object`, or a null prototype) whose values are booleans, `null`, 32-bit integers (not -0),
 * strings of at most {@link MAX_STRING} characters, or plain objects of the same kind, at most
 * {@link MAX_DEPTH} deep. Anything else in a batch (a top-level number or string, an array,
 * `undefined`, a fraction, `NaN`, a long string, a Date, Map, class instance, buffer or
 * Proxy) sends the whole batch as a clone, which carries those faster or at all. An object
 * whose prototype was replaced by `Object.prototype` is taken for a plain one. An endpoint that
 * writes plain data itself (a socket; see `Endpoint.writesPlainData`) gets batches as they are.
 * Batches of flat records that share their keys go further, as columns (recordColumns.ts).
 */

/** Deepest nesting of plain objects a record may have and still cross as JSON. */
export const MAX_DEPTH = 8;
/** Longest string a record may hold and still cross as JSON (longer ones clone faster). */
export const MAX_STRING = 64;

/**
 * Node's test for a Proxy, where the platform has one. JSON text would carry a Proxy of a plain
 * record through its traps, while postMessage refuses it; so a record that is or holds a Proxy
 * keeps its batch a clone, and is refused the same however it happens to be batched.
 */
const isProxy: (value: object) => boolean =
  (
    globalThis as {
      process?: { getBuiltinModule?(id: string): { types: { isProxy(v: object): boolean } } };
    }
  ).process?.getBuiltinModule?.('node:util').types.isProxy ?? (() => false);

/** Whether `message` is a plain record that JSON carries exactly (see the module comment). */
export function isPlainRecord(message: unknown): boolean {
  return typeof message === 'object' && message !== null && plainFields(message, 0);
}

function plainFields(value: object, depth: number): boolean {
  if (!isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'object') {
      if (field !== null && (depth === MAX_DEPTH || !plainFields(field, depth + 1))) return false;
    } else if (!isPlainLeaf(field)) return false;
  }
  return true;
}

/** Whether `value` is a plain object: constructor `Object` or a null prototype, and no Proxy. */
export function isPlainObject(value: object): boolean {
  // The constructor check is an inline-cached load; getPrototypeOf (a runtime call) is needed
  // only for objects without Object as their constructor (null prototype, a `constructor` key).
  if (value.constructor !== Object) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
  }
  return !isProxy(value);
}

/**
 * Whether `field`, anything but an object, is a value JSON carries exactly: a boolean, a string
 * of at most {@link MAX_STRING} characters, or a 32-bit integer other than -0 (NaN and
 * ±Infinity are not integers, and -0 would arrive as 0).
 */
export function isPlainLeaf(field: unknown): boolean {
  switch (typeof field) {
    case 'boolean':
      return true;
    case 'string':
      return field.length <= MAX_STRING;
    case 'number':
      return (field | 0) === field && (field !== 0 || 1 / field > 0);
    default:
      return false;
  }
}

/** The JSON text of a batch of plain records, or `null` if it cannot be written. */
export function recordsText(batch: readonly unknown[]): string | null {
  try {
    return JSON.stringify(batch);
  } catch {
    // A getter threw: the batch goes as a clone, which reports what is wrong with it.
    return null;
  }
}
