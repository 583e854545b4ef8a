/**
 * The one interface a transport provides to links that cross a thread or process boundary:
 * a message port (`postMessage`, `message` events, `start`, `close`). Links speak the link
 * protocol (docs/backends/writing-a-backend.md) over it.
 *
 * A worker thread's `MessagePort` is one as it is; `socketEndpoint` of `@plexus/host` makes
 * one of a Unix socket.
 *
 * @example
 * ```ts
 * import { MessageChannel } from 'node:worker_threads';
 * import type { Endpoint } from '@plexus/core/backend';
 *
 * const { port1 } = new MessageChannel();
 * const end: Endpoint = port1 as unknown as Endpoint;
 * end.close();
 * ```
 */
export interface Endpoint {
  /** Post `message`, moving the buffers in `transfer`. */
  postMessage(message: unknown, transfer?: any): void;
  /**
   * `message` delivers what the other end posted; `messageerror` (as on a MessagePort) says
   * something arrived that could not be decoded — its `data` is the error.
   */
  addEventListener(type: 'message' | 'messageerror', listener: (event: any) => void): void;
  /**
   * Take the next message now if one has arrived, instead of waiting for the event loop to
   * deliver it (Node's `receiveMessageOnPort`; the host adds it to worker threads' ports).
   * Optional: an endpoint without it is never polled.
   */
  poll?(): { message: unknown } | undefined;
  /**
   * The endpoint writes plain data itself, keeping nothing (a socket with Plexus's frame
   * writer), so batches of plain records are handed to it as they are rather than as JSON text.
   * Over a socket the text made links ~20 % faster but is one more allocation per batch, which
   * grew a fast sender's young generation by ~10 MB (backpressure benchmark). Optional: a
   * MessagePort, whose clone is slower to decode than the text, leaves it unset.
   */
  readonly writesPlainData?: boolean;
  /** Begin delivering messages (MessagePort needs this with addEventListener). */
  start?(): void;
  /** Done: deliver what was posted, then close. */
  close(): void;
  /** Drop everything now (the run is over). Defaults to `close()`. */
  destroy?(): void;
}
