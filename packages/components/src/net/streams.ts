/**
 * Node streams ↔ boxes, with backpressure both ways: a readable is drained synchronously
 * while it has data and read again only when the outbox has room (so a full link stops the
 * socket or pipe from being read, and the kernel pushes back on the peer); a writable is
 * awaited only when it says it is full. Shared by the TCP, HTTP and command components.
 */
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { z } from '@plexus/core';

/** Bytes: a `Uint8Array` (a Node `Buffer` is one too). Checked without `instanceof`, so it holds in any realm. */
export const bytes = z
  .custom<Uint8Array>(
    (value) =>
      ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]',
    { message: 'expected a Uint8Array' },
  )
  .meta({ format: 'binary' });

/** Text or bytes: what may be written to a socket, a pipe or an HTTP body. */
export const chunk = z.union([z.string(), bytes]);

/** How bytes read from a stream are sent on: as they are, or decoded as UTF-8 text. */
export const encoding = z
  .enum(['bytes', 'utf8'])
  .default('bytes')
  .describe(
    "How received data is sent on: 'bytes' (Uint8Array chunks) or 'utf8' (strings, multi-byte characters never split).",
  );

/**
 * A plain `Uint8Array` that owns its memory and can cross a thread or process boundary.
 * A chunk that already owns its whole `ArrayBuffer` is re-viewed (no copy); a slice of a pooled
 * buffer is copied, so cloning or transferring it never carries the rest of the pool.
 */
export function ownBytes(data: Uint8Array): Uint8Array {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength)
    return new Uint8Array(data.buffer as ArrayBuffer, 0, data.byteLength);
  return new Uint8Array(data);
}

/** Turns raw chunks into the messages a component sends: bytes, text or lines. */
export interface Decoder {
  /** Messages for one chunk (maybe none). */
  push(data: Uint8Array): (string | Uint8Array)[];
  /** Messages for what is left at the end of the stream. */
  end(): (string | Uint8Array)[];
}

/** A decoder for `bytes`, `utf8` (text chunks) or `lines` (one string per line, without its end). */
export function decoder(mode: 'bytes' | 'utf8' | 'text' | 'lines'): Decoder {
  if (mode === 'bytes') return { push: (data) => [ownBytes(data)], end: () => [] };
  const text = new StringDecoder('utf8');
  if (mode !== 'lines') {
    return {
      push: (data) => {
        const s = text.write(data as Buffer);
        return s === '' ? [] : [s];
      },
      end: () => {
        const s = text.end();
        return s === '' ? [] : [s];
      },
    };
  }
  let partial = '';
  const split = (s: string): string[] => {
    const parts = (partial + s).split('\n');
    partial = parts.pop()!;
    return parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  };
  return {
    push: (data) => split(text.write(data as Buffer)),
    end: () => {
      const lines = split(text.end());
      if (partial !== '') lines.push(partial.endsWith('\r') ? partial.slice(0, -1) : partial);
      partial = '';
      return lines;
    },
  };
}

/** How reading a stream ended. */
export type DrainResult =
  | { readonly how: 'end' }
  | { readonly how: 'aborted' }
  | { readonly how: 'error'; readonly error: Error };

/**
 * Read `stream` until it ends, errors or `signal` aborts, handing each chunk to `deliver`.
 * Chunks are taken synchronously while the stream has them; `deliver` returns a promise only
 * when it must wait (the outbox is full), and the stream is not read meanwhile — its buffer
 * fills and the source is paused. An error `deliver` throws (a stop) propagates; the stream's
 * own error is returned, not thrown.
 */
export async function drainReadable(
  stream: Readable,
  signal: AbortSignal,
  deliver: (data: Buffer) => Promise<void> | undefined,
): Promise<DrainResult> {
  let wake: (() => void) | undefined;
  let error: Error | undefined;
  let closed = false;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onError = (e: Error) => {
    error ??= e;
    poke();
  };
  const onClose = () => {
    closed = true;
    poke();
  };
  stream.on('readable', poke);
  stream.on('end', poke);
  stream.on('error', onError);
  stream.on('close', onClose);
  signal.addEventListener('abort', poke);
  try {
    for (;;) {
      if (signal.aborted) return { how: 'aborted' };
      if (error !== undefined) return { how: 'error', error };
      for (let data = stream.read() as Buffer | null; data !== null; data = stream.read()) {
        const waiting = deliver(data);
        if (waiting !== undefined) await waiting;
        if (signal.aborted) return { how: 'aborted' };
      }
      if (error !== undefined) return { how: 'error', error };
      if (stream.readableEnded || closed || stream.destroyed) return { how: 'end' };
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    wake = undefined;
    stream.off('readable', poke);
    stream.off('end', poke);
    stream.off('error', onError);
    stream.off('close', onClose);
    signal.removeEventListener('abort', poke);
  }
}

/**
 * Write one chunk; if the stream is full, wait until it drains. Resolves `false` when the
 * stream can no longer be written (closed, errored, ended) or `signal` aborted.
 */
export function writeChunk(
  stream: Writable,
  data: string | Uint8Array,
  signal: AbortSignal,
): Promise<boolean> | boolean {
  if (signal.aborted || !stream.writable) return false;
  if (stream.write(data)) return true;
  return waitFor(stream, 'drain', signal);
}

/** End a writable and wait until everything was flushed; `false` if it closed or errored first. */
export function endWritable(stream: Writable, signal: AbortSignal): Promise<boolean> {
  if (stream.writableFinished) return Promise.resolve(true);
  if (stream.destroyed || signal.aborted) return Promise.resolve(false);
  if (!stream.writableEnded) stream.end();
  return waitFor(stream, 'finish', signal);
}

function waitFor(stream: Writable, event: 'drain' | 'finish', signal: AbortSignal) {
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => () => {
      stream.off(event, onOk);
      stream.off('close', onFail);
      stream.off('error', onFail);
      signal.removeEventListener('abort', onFail);
      resolve(ok);
    };
    const onOk = done(true);
    const onFail = done(false);
    stream.on(event, onOk);
    stream.on('close', onFail);
    stream.on('error', onFail);
    signal.addEventListener('abort', onFail);
  });
}

/** `host:port`, with brackets around an IPv6 address. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
