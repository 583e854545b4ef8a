/**
 * Checked mode's immutability: deep-freeze what was sent (Maps, Sets and Dates included) and
 * remember a copy of its binary data, so a sender that changes a message after sending it
 * fails loudly instead of behaving differently once moved to another thread.
 */
import type { Inspection } from './inspectMessage.ts';
import { kindOf } from './kindOf.ts';

interface Snapshot {
  readonly bytes: Uint8Array;
  readonly copy: Uint8Array;
  readonly path: string;
}

const snapshots = new WeakMap<object, Snapshot[]>();

function refuse(kind: string): () => never {
  return () => {
    throw new TypeError(
      `Cannot modify a ${kind} that was sent as a message: messages are immutable once sent. Copy it first (e.g. new ${kind}(old)).`,
    );
  };
}

const DATE_SETTERS = Object.getOwnPropertyNames(Date.prototype).filter((n) => n.startsWith('set'));

/** Freeze every object found, making Map, Set and Date read-only too. */
export function freezeAll(objects: readonly object[]): void {
  for (const object of objects) {
    if (Object.isFrozen(object)) continue;
    const kind = kindOf(object);
    if (kind === 'map') {
      const no = refuse('Map');
      Object.defineProperties(object, {
        set: { value: no },
        delete: { value: no },
        clear: { value: no },
      });
    } else if (kind === 'set') {
      const no = refuse('Set');
      Object.defineProperties(object, {
        add: { value: no },
        delete: { value: no },
        clear: { value: no },
      });
    } else if (kind === 'date') {
      const no = refuse('Date');
      for (const name of DATE_SETTERS) Object.defineProperty(object, name, { value: no });
    }
    Object.freeze(object);
  }
}

/** Remember a copy of the message's binary data (which cannot be frozen). */
export function snapshotBinaries(message: unknown, found: Inspection): void {
  if (found.binaries.length === 0 || typeof message !== 'object' || message === null) return;
  snapshots.set(
    message,
    found.binaries.map(({ data, path }) => {
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      return { bytes, copy: bytes.slice(), path };
    }),
  );
}

/** Received copies of messages that had changed before they crossed, with where (changedBeforePost.ts). */
const changedBeforePost = new WeakMap<object, string>();

/** Whether `message` has a snapshot of its binary data (it was sent in checked mode). */
export function hasSnapshot(message: unknown): boolean {
  return typeof message === 'object' && message !== null && snapshots.has(message);
}

/** Record that the binary data at `path` of the message `copy` was copied from had changed. */
export function markChanged(copy: unknown, path: string): void {
  if (typeof copy === 'object' && copy !== null) changedBeforePost.set(copy, path);
}

/** The path of binary data that changed since the message was sent, if any. */
export function changedBinary(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const before = changedBeforePost.get(message);
  if (before !== undefined) return before;
  const list = snapshots.get(message);
  if (list === undefined) return undefined;
  for (const { bytes, copy, path } of list) {
    if (bytes.length !== copy.length) return path;
    for (let i = 0; i < copy.length; i++) if (bytes[i] !== copy[i]) return path;
  }
  return undefined;
}
