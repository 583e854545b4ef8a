/**
 * Publishes a durable link's stream messages into its JetStream stream, in order, pipelined
 * (the server acknowledges each; the next does not wait). Each goes under a message id of the
 * sending end's incarnation and number, and expects the one before it to be the stream's last
 * (`Nats-Expected-Last-Msg-Id`), so none is stored before the one it follows. A NATS server that
 * dies (or a stream leader that moves) fails some publishes: the publisher then waits for those
 * in flight, and publishes again from the first that failed, one at a time, until the server
 * stores it — one it had stored already is a duplicate of its id, which the server drops — then
 * goes on pipelined. After `GIVE_UP_MS` without storing one, it fails the link.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { streamFailure } from './durableFrame.ts';

/** How long a publish waits for the server's acknowledgement before it counts as failed. */
const PUBLISH_TIMEOUT_MS = 1_000;
const RETRY_MS = 100;
const GIVE_UP_MS = 60_000;

interface Entry {
  readonly frame: Uint8Array;
  readonly id: string;
  readonly after: string | undefined;
  readonly stored: (() => void) | undefined;
  state: 'waiting' | 'flying' | 'failed' | 'stored';
}

/** An ordered publisher into one stream. */
export interface StreamPublisher {
  /** Publish `frame` after everything published before; `stored` once the server has it. */
  publish(frame: Uint8Array, stored?: () => void): void;
  /** Resolves once everything published is stored; rejects after `ms`. */
  settled(ms: number): Promise<void>;
  destroy(): void;
}

export function streamPublisher(
  js: JetStreamClient,
  subject: string,
  prefix: string,
  fail: (error: unknown) => void,
): StreamPublisher {
  /** What is not stored yet (and what was, after one that was not), in order. */
  const entries: Entry[] = [];
  let n = 0;
  let last: string | undefined;
  let flying = 0;
  let recovering = false;
  let destroyed = false;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const send = (entry: Entry) =>
    js.publish(subject, entry.frame, {
      msgID: entry.id,
      timeout: PUBLISH_TIMEOUT_MS,
      ...(entry.after === undefined ? {} : { expect: { lastMsgID: entry.after } }),
    });
  /** Tell, in order, what is stored with nothing unstored before it. */
  const confirm = () => {
    while (entries.length > 0 && entries[0]!.state === 'stored') entries.shift()!.stored?.();
  };
  const fly = (entry: Entry) => {
    entry.state = 'flying';
    flying++;
    send(entry).then(
      () => {
        flying--;
        entry.state = 'stored';
        confirm();
      },
      () => {
        flying--;
        entry.state = 'failed';
        if (!recovering) void recover();
      },
    );
  };
  const recover = async () => {
    recovering = true;
    while (flying > 0) await sleep(10);
    let since = Date.now();
    while (!destroyed) {
      const entry = entries[0];
      if (entry === undefined || entry.state === 'waiting') break;
      try {
        await send(entry);
        entry.state = 'stored';
        confirm();
        since = Date.now();
      } catch (error) {
        if (Date.now() - since > GIVE_UP_MS) {
          fail(streamFailure(subject, 'did not store a batch', error));
          return;
        }
        await sleep(RETRY_MS);
      }
    }
    recovering = false;
    for (const entry of entries) if (entry.state === 'waiting' && !destroyed) fly(entry);
  };
  return {
    publish(frame, stored) {
      if (destroyed) return;
      const entry: Entry = { frame, id: `${prefix}-${n++}`, after: last, stored, state: 'waiting' };
      last = entry.id;
      entries.push(entry);
      if (!recovering) fly(entry);
    },
    async settled(ms) {
      const deadline = Date.now() + ms;
      while (entries.length > 0 && !destroyed) {
        if (Date.now() > deadline)
          throw streamFailure(
            subject,
            `did not store the last ${entries.length} messages within ${ms} ms`,
            'gave up',
          );
        await sleep(20);
      }
    },
    destroy() {
      destroyed = true;
      entries.length = 0;
    },
  };
}
