/**
 * The one interface a transport provides: a message port. A worker thread's MessagePort is one
 * as it is; a child process's socket is wrapped in a small adapter. Links that cross a thread
 * or process boundary speak the protocol below over it.
 */

import { type Changes, markChanges } from '../checked/changedBeforePost.ts';
import { columnsItems } from './recordColumns.ts';

/**
 * The one interface a transport provides to links that cross a thread or process boundary:
 * a message port (`postMessage`, `message` events, `start`, `close`).
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

/** Tags of the link protocol. Data and end flow with the messages; credit and broken flow back. */
export const DATA = 0;
export const END = 1;
export const CREDIT = 2;
export const BROKEN = 3;
/** A batch of plain records as JSON text (see recordBatch.ts). */
export const RECORDS = 4;
/** A batch of same-shaped flat records as columns: keys and values, JSON text (recordColumns.ts). */
export const COLUMNS = 5;

/**
 * Sender → receiver: a batch of messages (cloned, with the changes checked mode found before it
 * was posted; or as JSON text), or the end of the stream.
 */
export type Downstream =
  | readonly [typeof DATA, readonly unknown[], Changes?]
  | readonly [typeof RECORDS, string]
  | readonly [typeof COLUMNS, string, string]
  | readonly [typeof END];
/** Receiver → sender: room for `n` more messages, or the receiver has ended. */
export type Upstream = readonly [typeof CREDIT, number] | readonly [typeof BROKEN];

/** The messages of a batch, whichever way it crossed. */
export function batchItems(
  message: Exclude<Downstream, readonly [typeof END]>,
): readonly unknown[] {
  switch (message[0]) {
    case DATA:
      // Checked mode: messages whose binary data changed between their send and this post.
      if (message[2] !== undefined) markChanges(message[1], message[2]);
      return message[1];
    case RECORDS:
      return JSON.parse(message[1]) as unknown[];
    default:
      return columnsItems(message[1], message[2]);
  }
}

/** Listen on `endpoint` and start it. */
export function listen(
  endpoint: Endpoint,
  onMessage: (data: unknown) => void,
  onError?: (error: unknown) => void,
): void {
  endpoint.addEventListener('message', (event) => onMessage(event.data));
  if (onError !== undefined)
    endpoint.addEventListener('messageerror', (event) => onError(event.data ?? event));
  endpoint.start?.();
}
