/**
 * A socket frame: a 4-byte length and the value in V8's structured-clone format, the bytes
 * `v8.serialize` would write, so the other end reads it with `v8.deserialize`.
 *
 * Plain data — numbers, strings, booleans, null, undefined, plain objects and arrays — is
 * written here, in JavaScript. Anything else (Map, Set, Date, RegExp, errors, binary data,
 * BigInt, cycles, very deep or very large values) is handed to `v8.serialize`, which also
 * reports what cannot be cloned — except a class instance, which it would write as a plain
 * object without its methods: a message holding one is refused (a TypeError), as between
 * threads. Two reasons to write plain data ourselves: it is
 * faster than Node's serializer for the small records most links carry, and it keeps nothing
 * alive. A `v8.Serializer` holds every object it wrote until the serializer itself is collected,
 * so every message sent survives a young-generation collection; V8 then decides that the
 * sender's message literals are long-lived and allocates them in the old generation from then
 * on (allocation-site pretenuring), where a fast sender's garbage piles up until a full
 * collection — ~160 MB in a 10M-message run.
 *
 * Shared and repeated objects are written once and referenced after, as V8 does, when they
 * are large (16 or more elements or keys); a small object reached twice is written twice,
 * which no receiver can tell apart, since messages are immutable. Two differences from Node's
 * serializer: extra named properties on an array (`array.label = 'x'`) are not carried, and a
 * Proxy of a plain object or array is written through its traps (Node's refuses it; telling a
 * Proxy apart costs a call into C++ per object, which every message would pay).
 */
import { serialize } from 'node:v8';
import { holdsInstance } from '@plexus/core/backend';

/** Thrown inside the writer when a value needs Node's serializer. */
const FALLBACK = Symbol('fallback');
/** Deeper than this, the value may be a cycle: Node's serializer handles it. */
const MAX_DEPTH = 64;
/** More objects than this in one frame: give up (a shared graph may be unfolding). */
const MAX_OBJECTS = 1 << 20;
/** Objects and arrays this large are remembered, so a repeat is written as a reference. */
const SHARE_MIN = 16;
/** Strings shorter than this are copied a character at a time (no call into C++). */
const SHORT_STRING = 64;
/** Scratch space; grown for a large frame, it shrinks back once frames use under a quarter. */
const SCRATCH_BYTES = 64 * 1024;

// V8's tags (src/objects/value-serializer.cc).
const TAG_ONE_BYTE_STRING = 0x22;
const TAG_TWO_BYTE_STRING = 0x63;
const TAG_INT32 = 0x49;
const TAG_DOUBLE = 0x4e;
const TAG_TRUE = 0x54;
const TAG_FALSE = 0x46;
const TAG_UNDEFINED = 0x5f;
const TAG_NULL = 0x30;
const TAG_HOLE = 0x2d;
const TAG_BEGIN_OBJECT = 0x6f;
const TAG_END_OBJECT = 0x7b;
const TAG_BEGIN_DENSE_ARRAY = 0x41;
const TAG_END_DENSE_ARRAY = 0x24;
const TAG_OBJECT_REFERENCE = 0x5e;

/** The version header of this Node's V8 (what `v8.serialize` writes before a value). */
const HEADER = serialize(undefined).subarray(0, -1);
/** A UTF-16 code unit above 0xFF: the string needs two bytes a character. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;
const float = new Float64Array(1);
const floatBytes = new Uint8Array(float.buffer);

let buf = Buffer.allocUnsafe(SCRATCH_BYTES);
let pos = 0;
let nextId = 0;
let objects = 0;
let seen: Map<object, number> | null = null;

function reserve(bytes: number): void {
  if (pos + bytes <= buf.length) return;
  const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, pos + bytes));
  buf.copy(grown, 0, 0, pos);
  buf = grown;
}

function varint(n: number): void {
  while (n >= 0x80) {
    buf[pos++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[pos++] = n;
}

function string(s: string): void {
  const n = s.length;
  reserve(2 * n + 11);
  const start = pos;
  if (n < SHORT_STRING) {
    buf[pos++] = TAG_ONE_BYTE_STRING;
    buf[pos++] = n;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) break;
      buf[pos++] = c;
    }
    if (i === n) return;
  } else if (!BEYOND_LATIN1.test(s)) {
    buf[pos++] = TAG_ONE_BYTE_STRING;
    varint(n);
    pos += buf.write(s, pos, 'latin1');
    return;
  }
  pos = start;
  buf[pos++] = TAG_TWO_BYTE_STRING;
  varint(2 * n);
  pos += buf.write(s, pos, 'utf16le');
}

function number(v: number): void {
  reserve(9);
  if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
    buf[pos++] = TAG_INT32;
    varint(((v << 1) ^ (v >> 31)) >>> 0);
  } else {
    buf[pos++] = TAG_DOUBLE;
    float[0] = v;
    buf.set(floatBytes, pos);
    pos += 8;
  }
}

/** Write `v` as a reference if it was written before; otherwise note its id if it is large. */
function referenced(v: object, size: number): boolean {
  if (size >= SHARE_MIN) {
    const id = seen?.get(v);
    if (id !== undefined) {
      reserve(6);
      buf[pos++] = TAG_OBJECT_REFERENCE;
      varint(id);
      return true;
    }
    seen ??= new Map();
    seen.set(v, nextId);
  }
  nextId++;
  return false;
}

function array(v: unknown[], depth: number): void {
  const n = v.length;
  if (referenced(v, n)) return;
  reserve(6);
  buf[pos++] = TAG_BEGIN_DENSE_ARRAY;
  varint(n);
  for (let i = 0; i < n; i++) {
    const element = v[i];
    if (element === undefined && !(i in v)) {
      reserve(1);
      buf[pos++] = TAG_HOLE;
    } else value(element, depth);
  }
  reserve(11);
  buf[pos++] = TAG_END_DENSE_ARRAY;
  varint(0);
  varint(n);
}

function object(v: Record<string, unknown>, depth: number): void {
  const keys = Object.keys(v);
  const n = keys.length;
  if (referenced(v, n)) return;
  reserve(1);
  buf[pos++] = TAG_BEGIN_OBJECT;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    string(key);
    value(v[key], depth);
  }
  reserve(6);
  buf[pos++] = TAG_END_OBJECT;
  varint(n);
}

function value(v: unknown, depth: number): void {
  switch (typeof v) {
    case 'number':
      number(v);
      return;
    case 'string':
      string(v);
      return;
    case 'boolean':
      reserve(1);
      buf[pos++] = v ? TAG_TRUE : TAG_FALSE;
      return;
    case 'undefined':
      reserve(1);
      buf[pos++] = TAG_UNDEFINED;
      return;
    case 'object': {
      if (v === null) {
        reserve(1);
        buf[pos++] = TAG_NULL;
        return;
      }
      if (depth >= MAX_DEPTH || ++objects > MAX_OBJECTS) throw FALLBACK;
      const proto = Object.getPrototypeOf(v);
      if (proto === Array.prototype) array(v as unknown[], depth + 1);
      else if (proto === Object.prototype || proto === null)
        object(v as Record<string, unknown>, depth + 1);
      else throw FALLBACK;
      return;
    }
    default:
      throw FALLBACK;
  }
}

/**
 * A frame from Node's serializer: for values this writer leaves to it. Throws if uncloneable,
 * and for a class instance, which it would write as a plain object without its methods.
 */
function nodeFrame(message: unknown): Buffer {
  if (holdsInstance(message)) throw new TypeError('a class instance cannot be sent');
  const payload = serialize(message);
  const frame = Buffer.allocUnsafe(4 + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  payload.copy(frame, 4);
  return frame;
}

/**
 * Encode `message` as one frame: 4 bytes of length (little-endian), then the message as
 * `v8.serialize` would write it. Throws as `v8.serialize` does for what cannot be cloned.
 */
export function encodeFrame(message: unknown): Buffer {
  pos = 4;
  nextId = 0;
  objects = 0;
  seen = null;
  reserve(HEADER.length);
  buf.set(HEADER, pos);
  pos += HEADER.length;
  try {
    value(message, 0);
  } catch (error) {
    if (error === FALLBACK) return nodeFrame(message);
    throw error;
  } finally {
    seen = null;
  }
  buf.writeUInt32LE(pos - 4, 0);
  const frame = Buffer.allocUnsafe(pos);
  buf.copy(frame, 0, 0, pos);
  if (buf.length > 4 * SCRATCH_BYTES && pos < buf.length / 4)
    buf = Buffer.allocUnsafe(SCRATCH_BYTES);
  return frame;
}
