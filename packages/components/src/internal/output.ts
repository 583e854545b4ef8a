/**
 * Write to a file (or standard output) in batches: the caller hands over what it has drained
 * from its inbox, and the next batch is written only when the previous write finished, so
 * the writer holds back its senders instead of buffering without bound.
 */
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { deniedBySandbox, Errors, type Who } from '../errors.ts';

export interface Output {
  /** Write, and wait until the data is handed over; a stop (`signal`) ends the wait at once. */
  write(data: string | Uint8Array, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Open `path` (`-`: standard output) for writing, truncating it unless `append`. */
export async function openOutput(path: string, append: boolean, who: Who): Promise<Output> {
  if (path === '-') return streamOutput(process.stdout, who, 'stdout');
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, append ? 'a' : 'w');
  } catch (error) {
    if (deniedBySandbox(error)) throw error;
    throw Errors.fileOpen(who, path, 'writing', error);
  }
  return {
    async write(data) {
      try {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        let offset = 0;
        while (offset < bytes.byteLength) {
          const { bytesWritten } = await handle.write(bytes, offset);
          offset += bytesWritten;
        }
      } catch (error) {
        throw Errors.fileWrite(who, path, error);
      }
    },
    async close() {
      await handle.close();
    },
  };
}

/** A stream as an output: a write waits for `drain` when the stream's buffer is full. */
export function streamOutput(stream: Writable, who: Who, label: string): Output {
  return {
    write(data, signal) {
      return new Promise<void>((resolve, reject) => {
        let settled = false;
        const fail = (error: unknown) => {
          if (settled) return;
          settled = true;
          reject(Errors.fileWrite(who, label, error));
        };
        const onAbort = () => {
          stream.off('drain', onDrain);
          stream.off('error', fail);
          if (settled) return;
          settled = true;
          reject(signal.reason);
        };
        const ok = stream.write(data, (error) => {
          if (error) fail(error);
        });
        if (ok) {
          settled = true;
          resolve();
          return;
        }
        function onDrain() {
          stream.off('error', fail);
          signal.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          resolve();
        }
        stream.once('drain', onDrain);
        stream.once('error', fail);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    async close() {},
  };
}
