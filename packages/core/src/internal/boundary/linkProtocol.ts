/**
 * The link protocol: the eight messages a link that crosses a thread or process boundary sends
 * over its `Endpoint` (backend/Endpoint.ts), and how a batch is read back.
 */

import type { Endpoint } from '../../backend/Endpoint.ts';
import { Errors } from '../../errors.ts';
import { type Changes, markChanges } from '../checked/changedBeforePost.ts';
import { columnsItems } from './recordColumns.ts';

/** Tags of the link protocol. Data and end flow with the messages; credit and broken flow back. */
export const DATA = 0;
export const END = 1;
export const CREDIT = 2;
export const BROKEN = 3;
/** A batch of plain records as JSON text (see recordBatch.ts). */
export const RECORDS = 4;
/** A batch of same-shaped flat records as columns: keys and values, JSON text (recordColumns.ts). */
export const COLUMNS = 5;
/** Receiver → sender: the receiving side unlinked it; send no more, then END (see `unlink`). */
export const UNLINK = 6;
/**
 * Transport → either end: the other end is a new copy of its unit, restarted elsewhere after
 * its host died (a network transport says so; the others never do). What was in flight to or
 * from the dead copy is lost: a sender has its credits back, a receiver owes the copy none.
 */
export const RESTARTED = 7;

/**
 * Sender → receiver: a batch of messages (cloned, with the changes checked mode found before it
 * was posted; or as JSON text), or the end of the stream.
 */
export type Downstream =
  | readonly [typeof DATA, readonly unknown[], Changes?]
  | readonly [typeof RECORDS, string]
  | readonly [typeof COLUMNS, string, string]
  | readonly [typeof END]
  | readonly [typeof RESTARTED];
/** Receiver → sender: room for `n` more messages, the receiver has ended, or it unlinked. */
export type Upstream =
  | readonly [typeof CREDIT, number]
  | readonly [typeof BROKEN]
  | readonly [typeof UNLINK]
  | readonly [typeof RESTARTED];

/** The messages of a batch, whichever way it crossed. */
export function batchItems(
  message: Exclude<Downstream, readonly [typeof END] | readonly [typeof RESTARTED]>,
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

/**
 * The run's error for a failure `endpoint` reported (`messageerror`): a transport that knows it
 * lost messages says so with `code: 'ERR_LINK_LOST'` (`ERR_LINK_LOST`); anything else is data
 * that could not be decoded (`ERR_UNDECODABLE`).
 */
export function endpointFailure(from: string, to: string, error: unknown): Error {
  const problem = (error as Error)?.message ?? String(error);
  return (error as { code?: unknown })?.code === 'ERR_LINK_LOST'
    ? Errors.linkLost(from, to, problem)
    : Errors.undecodable(from, to, problem);
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
