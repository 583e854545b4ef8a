/**
 * A message as JSON-like text of bounded length, for taps: it reads only as much of the
 * message as the text can hold (a million-element array costs what its first few elements
 * cost), and shows what JSON cannot — `Map(2) {…}`, `Uint8Array(1024) [1, 2, …]`, `12n`,
 * dates, `undefined`.
 */
import { kindOf } from '../checked/kindOf.ts';

/** How deep nested values are shown before `…`. */
const DEPTH = 8;
/** Elements of a typed array shown before `…`. */
const BYTES = 32;

export interface SampleText {
  readonly text: string;
  readonly truncated: boolean;
}

class Budget {
  readonly parts: string[] = [];
  length = 0;
  full = false;

  constructor(readonly max: number) {}

  put(text: string): void {
    if (this.full) return;
    if (this.length + text.length > this.max) {
      this.parts.push(text.slice(0, this.max - this.length));
      this.length = this.max;
      this.full = true;
      return;
    }
    this.parts.push(text);
    this.length += text.length;
  }

  get room(): number {
    return this.max - this.length;
  }
}

/** `value` as text of at most `max` characters (the last one `…` when it was cut). */
export function sampleText(value: unknown, max: number): SampleText {
  const budget = new Budget(Math.max(1, max - 1));
  try {
    write(value, budget, 0);
  } catch {
    // A getter that throws, a revoked proxy: show what was written so far.
    budget.full = true;
  }
  const text = budget.parts.join('');
  return budget.full ? { text: `${text}…`, truncated: true } : { text, truncated: false };
}

function write(value: unknown, out: Budget, depth: number): void {
  if (out.full) return;
  switch (typeof value) {
    case 'string': {
      // Cut long strings before quoting them, so quoting costs what is shown.
      const cut = value.length > out.room ? value.slice(0, out.room) : value;
      out.put(JSON.stringify(cut));
      if (cut.length < value.length) out.full = true;
      return;
    }
    case 'bigint':
      out.put(`${value}n`);
      return;
    case 'function':
      out.put(`[function ${value.name || 'anonymous'}]`);
      return;
    case 'symbol':
      out.put(value.toString());
      return;
    case 'object':
      break;
    default:
      out.put(String(value));
      return;
  }
  if (value === null) {
    out.put('null');
    return;
  }
  if (depth >= DEPTH) {
    out.put('…');
    return;
  }
  const kind = kindOf(value);
  if (kind === 'array') writeList(value as unknown[], (value as unknown[]).length, out, depth);
  else if (kind === 'binary') writeBinary(value, out);
  else if (kind === 'map') writeMap(value as Map<unknown, unknown>, out, depth);
  else if (kind === 'set') {
    out.put(`Set(${(value as Set<unknown>).size}) `);
    writeList((value as Set<unknown>).values(), (value as Set<unknown>).size, out, depth);
  } else if (kind === 'date') {
    const time = (value as Date).getTime();
    out.put(Number.isNaN(time) ? 'Invalid Date' : (value as Date).toISOString());
  } else if (kind === 'regexp' || kind === 'boxed') out.put(String(value));
  else if (kind === 'error') out.put(`${(value as Error).name}: ${(value as Error).message}`);
  else writeObject(value as Record<string, unknown>, out, depth);
}

function writeList(items: Iterable<unknown>, size: number, out: Budget, depth: number): void {
  out.put('[');
  let i = 0;
  for (const item of items) {
    if (out.full) return;
    if (i > 0) out.put(', ');
    write(item, out, depth + 1);
    i++;
  }
  if (i < size) out.put(`, … ${size - i} more`);
  out.put(']');
}

function writeMap(map: Map<unknown, unknown>, out: Budget, depth: number): void {
  out.put(`Map(${map.size}) {`);
  let first = true;
  for (const [key, item] of map) {
    if (out.full) return;
    if (!first) out.put(', ');
    first = false;
    write(key, out, depth + 1);
    out.put(' => ');
    write(item, out, depth + 1);
  }
  out.put('}');
}

function writeObject(object: Record<string, unknown>, out: Budget, depth: number): void {
  out.put('{');
  let first = true;
  // for…in stops early: a huge object costs what is shown, not Object.keys of all of it.
  for (const key in object) {
    if (out.full) return;
    if (!Object.hasOwn(object, key)) continue;
    if (!first) out.put(', ');
    first = false;
    out.put(`${JSON.stringify(key)}: `);
    write(object[key], out, depth + 1);
  }
  out.put('}');
}

function writeBinary(value: object, out: Budget): void {
  if (!ArrayBuffer.isView(value)) {
    out.put(`ArrayBuffer(${(value as ArrayBuffer).byteLength} bytes)`);
    return;
  }
  const name = value.constructor?.name ?? 'ArrayBufferView';
  if (!('length' in value)) {
    out.put(`${name}(${value.byteLength} bytes)`);
    return;
  }
  const array = value as unknown as ArrayLike<number | bigint>;
  const shown = Math.min(array.length, BYTES);
  const items: string[] = [];
  for (let i = 0; i < shown; i++) items.push(String(array[i]));
  if (shown < array.length) items.push('…');
  out.put(`${name}(${array.length}) [${items.join(', ')}]`);
}
