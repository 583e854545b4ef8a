/**
 * The framing of a link's NATS messages (see natsEndpoint.ts): every message starts with three
 * 4-byte numbers, then a kind. A numbered message (a batch, or a part of one) carries its own
 * number on its subject and the sender's acknowledgement of the other direction: the next
 * number it expects there, so everything before it has arrived. A control message (not
 * numbered, never resent: it is said again) carries the next number its sender will use and
 * the same acknowledgement, with flags. The third number is the sending end's epoch: the
 * incarnation of the unit it belongs to (0 for the first, and for the coordinator's ends), so
 * the other end knows a copy restarted elsewhere, whose numbers start again, from the one
 * that died.
 *
 * ```text
 * numbered: [seq u32][ack u32][epoch u32][0xFF V8 batch…] or […][PART | LAST_PART][bytes…]
 * control:  [next u32][ack u32][epoch u32][CONTROL][flags]
 * ```
 */

/** Where the sending end's epoch is. */
export const EPOCH = 8;
/** Bytes before the kind: the number, the acknowledgement and the epoch. */
export const HEAD = 12;
/** Kinds after the head (a whole V8 batch starts with 0xFF instead). */
export const PART = 0;
export const LAST_PART = 1;
export const CONTROL = 2;
/** Control flags: answer me now (an end waiting to finish); I miss numbers from `ack` on. */
export const ASK = 1;
export const MISSING = 2;

/** Read the 4-byte number at `at`. */
export function readU32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
  );
}

/** Write the 4-byte number `value` at `at`. */
function writeU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

/** How far `a` is after `b` on the 32-bit circle of numbers (negative: before). */
export function distance(a: number, b: number): number {
  return ((a - b) | 0) as number;
}

/** A control message: `next` is the sender's next number, `ack` the next it expects. */
export function controlFrame(next: number, ack: number, flags: number, epoch = 0): Uint8Array {
  const out = new Uint8Array(HEAD + 2);
  writeU32(out, 0, next);
  writeU32(out, 4, ack);
  writeU32(out, EPOCH, epoch);
  out[HEAD] = CONTROL;
  out[HEAD + 1] = flags;
  return out;
}

/** A numbered message: `data` after its number, the acknowledgement and (for a part) its marker. */
export function numberedFrame(
  seq: number,
  ack: number,
  data: Uint8Array,
  marker?: number,
  epoch = 0,
): Uint8Array {
  const head = HEAD + (marker === undefined ? 0 : 1);
  const out = new Uint8Array(head + data.length);
  writeU32(out, 0, seq);
  writeU32(out, 4, ack);
  writeU32(out, EPOCH, epoch);
  if (marker !== undefined) out[HEAD] = marker;
  out.set(data, head);
  return out;
}
