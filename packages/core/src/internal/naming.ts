/**
 * Names and how errors show them: valid instance and box names, "did you mean" suggestions,
 * and short previews of messages.
 */
import { closestName } from '../closestName.ts';
import { kindOf } from './checked/kindOf.ts';

/** Instance, box and component names: a letter or `_`, then letters, digits, `_` or `-`. */
export const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** ` (did you mean 'x'?)` when a candidate is close to `name`, else an empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const best = closestName(name, candidates);
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

/** A list of names for an error message: `'a', 'b'`, or `(none)`. */
export function listNames(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((n) => `'${n}'`).join(', ');
}

/** A one-line preview of a message, at most `max` characters. */
export function preview(value: unknown, max = 80): string {
  let text: string;
  try {
    text = describe(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value !== 'object' || value === null) return String(value);
  const kind = kindOf(value);
  if (kind === 'map') return `Map(${(value as Map<unknown, unknown>).size})`;
  if (kind === 'set') return `Set(${(value as Set<unknown>).size})`;
  if (kind === 'binary')
    return `${value.constructor.name}(${(value as ArrayBuffer).byteLength} bytes)`;
  return (
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ??
    String(value)
  );
}
