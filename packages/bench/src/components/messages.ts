/** The messages benchmarks send: numbers, small records, or one shared array of numbers. */
import { z } from '@plexus/core';

/** Which message a source makes. */
export const MessageKind = z.enum(['number', 'record', 'array']);
export type MessageKind = z.infer<typeof MessageKind>;

/** A small record, as a sensor or a log line might send. */
interface SmallRecord {
  readonly seq: number;
  readonly name: string;
  readonly ok: boolean;
}

/** An array of `length` numbers: the fan-out payload. */
export function makeArray(length: number): number[] {
  return Array.from({ length }, (_, i) => i * 0.5);
}

/**
 * The maker of message number `i` of `kind`: `i` itself, a small record `{ seq, name, ok }`, or
 * the same array of `size` numbers every time (messages are immutable, so sharing it is safe).
 */
export function messageMaker(kind: MessageKind, size: number): (i: number) => unknown {
  if (kind === 'number') return (i) => i;
  if (kind === 'record') return (seq): SmallRecord => ({ seq, name: 'reading', ok: true });
  const payload = makeArray(size);
  return () => payload;
}
