/**
 * JSON encoding that refuses, rather than silently mangles, what JSON cannot carry: a Map or
 * Set would become `{}`, a typed array an object of indices, `undefined` or a function would
 * vanish, and a BigInt or a cycle would throw a terse TypeError.
 */
import { Errors, type Who } from '../errors.ts';

function replacer(_key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      throw new Problem(`it contains the BigInt ${value}n, which JSON has no type for`);
    case 'function':
    case 'symbol':
      throw new Problem(`it contains a ${typeof value}`);
    case 'object':
      if (value instanceof Map || value instanceof Set)
        throw new Problem(`it contains a ${value.constructor.name}, which JSON would write as {}`);
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
        throw new Problem('it contains binary data, which JSON has no type for');
      return value;
    default:
      return value;
  }
}

class Problem extends Error {}

/** `JSON.stringify(message)`, or a ComponentError saying why the message is not JSON. */
export function encodeJson(message: unknown, indent: number, who: Who, box: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(message, replacer, indent === 0 ? undefined : indent);
  } catch (error) {
    const problem =
      error instanceof Problem
        ? error.message
        : /circular/i.test(String((error as Error).message))
          ? 'it refers to itself (a cycle)'
          : String((error as Error).message);
    throw Errors.notJson(who, box, message, problem);
  }
  if (text === undefined) throw Errors.notJson(who, box, message, 'it is undefined');
  return text;
}

/** Decode bytes as UTF-8 text; strings are left as they are. */
export function asText(chunk: string | Uint8Array): string {
  return typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
}
