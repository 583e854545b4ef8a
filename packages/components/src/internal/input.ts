/**
 * Read a file (or standard input) as a stream of byte chunks, one chunk at a time: the next
 * read starts only when the previous chunk has been taken, so a slow consumer holds back the
 * reading (backpressure) and the file is never read whole. Every chunk is a fresh, exactly
 * sized buffer, so it can be transferred to another thread without a copy.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { deniedBySandbox, Errors, type Who } from '../errors.ts';

/** Bytes read so far, and the total when known (a regular file's size). */
export type Progress = (done: number, total: number | undefined) => void;

/** The chunks of `path` (`-`: standard input). Stops reading when `signal` aborts. */
export async function* inputChunks(
  path: string,
  chunkSize: number,
  who: Who,
  signal: AbortSignal,
  progress: Progress,
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  if (path === '-') {
    let done = 0;
    for await (const chunk of streamChunks(process.stdin, signal)) {
      done += chunk.byteLength;
      progress(done, undefined);
      yield chunk;
    }
    return;
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (deniedBySandbox(error)) throw error;
    throw Errors.fileOpen(who, path, 'reading', error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      const error = Object.assign(new Error('EISDIR: illegal operation on a directory'), {
        code: 'EISDIR',
      });
      throw Errors.fileOpen(who, path, 'reading', error);
    }
    const total = stat.isFile() ? stat.size : undefined;
    let done = 0;
    progress(0, total);
    for (;;) {
      signal.throwIfAborted();
      const buffer = new Uint8Array(chunkSize);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, chunkSize, null));
      } catch (error) {
        throw Errors.fileRead(who, path, error);
      }
      if (bytesRead === 0) break;
      done += bytesRead;
      progress(done, total === undefined ? undefined : Math.max(total, done));
      yield bytesRead === chunkSize ? buffer : buffer.slice(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => {});
  }
}

/**
 * The chunks of a readable stream, read only as fast as they are taken. When the reader stops
 * early (a stop, or the consumer ended) the stream is paused and no longer keeps the process
 * alive, but is not destroyed: standard input can be read again later.
 */
export async function* streamChunks(
  stream: Readable,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: unknown;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onEnd = () => {
    ended = true;
    poke();
  };
  const onError = (error: unknown) => {
    failure ??= error;
    poke();
  };
  const socket = stream as Readable & { ref?(): void; unref?(): void };
  socket.ref?.();
  stream.on('readable', poke);
  stream.on('end', onEnd);
  stream.on('error', onError);
  signal.addEventListener('abort', poke);
  try {
    for (;;) {
      signal.throwIfAborted();
      if (failure !== undefined) throw failure;
      const chunk = stream.read() as Uint8Array | string | null;
      if (chunk !== null) {
        yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk);
        continue;
      }
      if (ended || stream.readableEnded) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.off('readable', poke);
    stream.off('end', onEnd);
    stream.off('error', onError);
    signal.removeEventListener('abort', poke);
    if (!ended) {
      stream.pause();
      socket.unref?.();
    }
  }
}
