/**
 * What the two ends of a durable link share: the framing of a stream message, the protocol
 * tags they read, how a message is numbered, and the shape of an end.
 *
 * Each stream message: 4 bytes, the sending end's incarnation; 1 byte, flags (1: tagged);
 * then a whole V8-serialized batch (its first byte 0xFF), or a part of one larger than the
 * server's `max_payload` (0: a part, 1: the last part).
 */
import type { Subscription } from '@nats-io/transport-node';
import type { DurableUnit } from './DurableUnit.ts';

/** Link protocol tags (the core's linkProtocol.ts). */
export const DATA = 0;
export const END = 1;
export const CREDIT = 2;
export const BROKEN = 3;
export const UNLINK = 6;
export const PART = 0;
export const LAST_PART = 1;
/** Bytes before a batch (or a part's marker): the incarnation and the flags. */
export const HEAD = 5;
export const TAGGED = 1;
/** A message's number: its batch's stream position times this, plus its index in the batch. */
export const BATCH_SPAN = 2 ** 20;

/**
 * A failure of JetStream under a durable link (a batch not stored, a stream or consumer that
 * could not be made): messages may be missing, so it fails the run as a lost link does.
 */
export function streamFailure(subject: string, what: string, error: unknown): Error {
  const problem = (error as Error)?.message ?? String(error);
  return Object.assign(
    new Error(`JetStream ${what} of the durable link on '${subject}': ${problem}`),
    { code: 'ERR_LINK_LOST' },
  );
}

/** How a durable end is opened. */
export interface DurableOptions {
  /** The unit this end belongs to (absent on the coordinator, whose ends never restart). */
  readonly unit?: DurableUnit;
  /** The link's capacity, if known: a receiver acknowledges only what its component took. */
  readonly capacity?: number;
  /** The sender tags what it sends with the input it handles (it reads a durable link). */
  readonly tagged?: boolean;
}

/** One side of a durable end: what is posted to it, and how it ends. */
export interface End {
  post(message: unknown): void;
  /** Resolves once what was posted is safe (stored, for a sender); rejects after `ms`. */
  settled(ms: number): Promise<void>;
  destroy(): void;
  readonly subscriptions: Subscription[];
}
