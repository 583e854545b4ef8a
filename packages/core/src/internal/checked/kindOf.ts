/**
 * What kind of value a message part is, decided without `instanceof`, so values from another
 * realm (a vm context, jest's sandbox, an iframe) are classified like local ones.
 */

export type Kind =
  | 'primitive'
  | 'function'
  | 'symbol'
  | 'array'
  | 'plain'
  | 'map'
  | 'set'
  | 'date'
  | 'regexp'
  | 'error'
  | 'boxed'
  | 'binary'
  | 'shared'
  | 'instance';

const TAGS: Readonly<Record<string, Kind>> = {
  '[object Map]': 'map',
  '[object Set]': 'set',
  '[object Date]': 'date',
  '[object RegExp]': 'regexp',
  '[object Error]': 'error',
  '[object Boolean]': 'boxed',
  '[object Number]': 'boxed',
  '[object String]': 'boxed',
  '[object BigInt]': 'boxed',
  '[object ArrayBuffer]': 'binary',
  '[object SharedArrayBuffer]': 'shared',
};

export function kindOf(value: unknown): Kind {
  switch (typeof value) {
    case 'function':
      return 'function';
    case 'symbol':
      return 'symbol';
    case 'object':
      break;
    default:
      return 'primitive';
  }
  if (value === null) return 'primitive';
  if (Array.isArray(value)) return 'array';
  if (ArrayBuffer.isView(value)) return 'binary';
  const tag = TAGS[Object.prototype.toString.call(value)];
  if (tag !== undefined) return tag;
  const proto: unknown = Object.getPrototypeOf(value);
  // Object.prototype of any realm has a null prototype.
  return proto === null || Object.getPrototypeOf(proto) === null ? 'plain' : 'instance';
}

/** True for an ArrayBuffer of any realm. */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}
