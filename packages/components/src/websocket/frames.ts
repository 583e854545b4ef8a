/**
 * WebSocket frames for components: what arrives decoded as the format param says, what is
 * sent encoded (text and bytes as they are, anything else as JSON), and sending that waits
 * while a peer's buffer is full, so a slow peer slows its sender instead of growing memory.
 */
import { z } from '@plexus/core';
import type { RawData, WebSocket } from 'ws';

export const frameFormat = z
  .enum(['auto', 'text', 'json', 'bytes'])
  .default('auto')
  .describe(
    "How frames received are decoded: 'auto' (text frames as JSON if they parse, else text; binary as bytes), 'text', 'json' or 'bytes'.",
  );

export const maxBuffered = z
  .number()
  .int()
  .min(1)
  .default(1_048_576)
  .describe("Bytes a peer's send buffer may hold before sending waits for it to drain.");

/** A frame received, decoded; throws if 'json' is asked for and it is not JSON. */
export function decodeFrame(
  data: RawData,
  isBinary: boolean,
  format: z.output<typeof frameFormat>,
): unknown {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (format === 'bytes' || (isBinary && format === 'auto'))
    return new Uint8Array(
      buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
    );
  const text = buffer.toString('utf8');
  if (format === 'text') return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (format === 'json') throw error;
    return text;
  }
}

/** What to send for a message: text and bytes as they are, anything else as JSON text. */
export function encodeFrame(message: unknown): string | Uint8Array {
  if (typeof message === 'string' || message instanceof Uint8Array) return message;
  return JSON.stringify(message) ?? 'null';
}

/**
 * Send to one peer; resolves at once while its buffer has room, else once this frame has
 * been written (rejects if the connection fails meanwhile).
 */
export function sendFrame(
  socket: WebSocket,
  frame: string | Uint8Array,
  limit: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    socket.send(frame, (error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    });
    if (!settled && socket.bufferedAmount <= limit) {
      settled = true;
      resolve();
    }
  });
}

/** Resolves once `socket` is closed (at once if it is). */
export function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}
