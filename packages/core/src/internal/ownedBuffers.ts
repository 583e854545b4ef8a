/**
 * The ArrayBuffers inside a message that a transfer has just made private to it (after the
 * clone-and-move, every buffer in the copy belongs to the copy alone), so a sink that crosses
 * a boundary can move them on instead of copying them again.
 */
import { inspectMessage } from './checked/inspectMessage.ts';
import { isArrayBuffer } from './checked/kindOf.ts';

export function ownedBuffers(message: unknown): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const { data } of inspectMessage(message).binaries) {
    const buffer = ArrayBuffer.isView(data) ? data.buffer : data;
    if (isArrayBuffer(buffer) && !buffers.includes(buffer)) buffers.push(buffer);
  }
  return buffers;
}
