/** MQTT payloads: bytes on the wire, decoded on the way in and encoded on the way out. */
import { z } from '@plexus/core';

export const payloadFormat = z
  .enum(['auto', 'text', 'json', 'bytes'])
  .default('auto')
  .describe(
    "How payloads are decoded: 'auto' (JSON if it parses, else text), 'text', 'json' or 'bytes'.",
  );

/** The payload as the format says; undefined when 'json' is asked for and it is not JSON. */
export function decodePayload(bytes: Uint8Array, format: z.output<typeof payloadFormat>): unknown {
  if (format === 'bytes') return new Uint8Array(bytes);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (format === 'text') return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (format === 'json') throw error;
    return text;
  }
}

/** Bytes or text to publish: text and bytes as they are, anything else as JSON. */
export function encodePayload(payload: unknown): string | Buffer {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array)
    return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return JSON.stringify(payload) ?? '';
}
