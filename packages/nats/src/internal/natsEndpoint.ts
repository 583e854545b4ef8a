/**
 * A link's end over NATS, shaped as an Endpoint: what travels between hosts. The link protocol
 * (data/records/columns/end downstream, credit/broken upstream) is the same as over a Unix
 * socket; each protocol message — a batch — is one NATS message on `<base>.d` (downstream)
 * or `<base>.c` (upstream), in V8's structured-clone format (`v8.serialize`), so a message
 * arrives with the types `postMessage` would carry.
 *
 * Core NATS delivers only to subscribers that exist when a message is published, so the ends
 * shake hands first: the sending end subscribes to credits, then asks on `<base>.h` (retrying)
 * until the receiving end, subscribed to the data, answers; each end queues what it posts until
 * then. After that, one publisher per subject on one connection keeps the order, and credit
 * flow control bounds what is in flight, so the server never drops a slow consumer's messages.
 * A batch larger than the server's `max_payload` travels in parts.
 *
 * Core NATS delivers at most once: a server of a cluster that dies takes with it what it held,
 * and the clients reconnect to another. So each end numbers what it publishes, keeps it until
 * the other end acknowledges it (every message carries the next number its sender expects the
 * other way: credits acknowledge batches, batches credits), and publishes it again from the
 * first number the other end says it misses. An end that sees a gap drops what came after it
 * and says so (a control message, see linkFrames.ts); one that sees a number again drops it. A
 * loss at the end of what was sent leaves no later message to show the gap, so each end also
 * says every second how many it has sent and what it has had. An end whose unit finishes waits
 * (`settled`) until the other end has everything it posted — its end of stream included — asking
 * five times a second. What the other end cannot take again because its process died is lost
 * with it, and counted where the unit's death is reported.
 *
 * A supervised unit whose node dies starts again elsewhere, and its ends there number from 0.
 * Every message carries its end's epoch (the unit's incarnation), so the other end knows: on
 * the first message of a later epoch it starts its numbering again both ways, forgets what it
 * kept for the dead copy (lost with it), says `RESTARTED` to its side of the link (the core
 * then gives the sender its credits back), and publishes its end of stream again if it had
 * posted it. Messages of an earlier epoch than the last seen come from a stale copy (cut off,
 * not dead, until its node fences it) and are dropped. A receiving end says hello once as it
 * opens, so a sender that is there already (blocked, perhaps, waiting for credits) hears of it.
 */
import { deserialize, serialize } from 'node:v8';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Endpoint } from '@plexus/core/backend';
import { NatsErrors } from '../errors.ts';
import {
  ASK,
  CONTROL,
  controlFrame,
  distance,
  EPOCH,
  HEAD,
  LAST_PART,
  MISSING,
  numberedFrame,
  PART,
  readU32,
} from './linkFrames.ts';
import { SentWindow } from './SentWindow.ts';

/** How long a sending end keeps asking for its receiver before giving up (it is gone). */
const GIVE_UP_MS = 60_000;
const RETRY_MS = 20;
const ASK_TIMEOUT_MS = 500;
const PROBE_MS = 1000;
/** While an end waits to be settled, it asks the other end this often. */
const SETTLE_ASK_MS = 200;
/** An end says it misses a number, or publishes again from it, at most this often. */
const AGAIN_MS = 200;
/** Link protocol tags (the core's linkProtocol.ts): the other end needs nothing more. */
const END = 1;
const BROKEN = 3;
/** The other end is a new copy of its unit (the core's `RESTARTED`, said to this side). */
const RESTARTED = 7;

type Listener = (event: { data: unknown }) => void;

/** A link's end over NATS. */
export interface NatsEndpoint extends Endpoint {
  /**
   * Resolves once the other end has everything this end posted (or needs nothing more: the
   * sender's end of stream, or the receiver's BROKEN, has arrived); rejects after `ms`.
   */
  settled(ms: number): Promise<void>;
}

/**
 * The sending (`receiving` false) or receiving end of the link whose subjects start with `base`;
 * `epoch` is the incarnation of the unit it belongs to (0: the first, or the coordinator).
 */
export function natsEndpoint(
  nc: NatsConnection,
  base: string,
  receiving: boolean,
  epoch = 0,
): NatsEndpoint {
  const inbound = `${base}.${receiving ? 'd' : 'c'}`;
  const outbound = `${base}.${receiving ? 'c' : 'd'}`;
  const listeners: Listener[] = [];
  const errorListeners: Listener[] = [];
  const queue: Uint8Array[] = [];
  let window = new SentWindow();
  /** The other end's epoch, once heard (-1 before). */
  let peerEpoch = -1;
  /** This end has posted its end of stream (a sender), to post again to a restarted receiver. */
  let endPosted = false;
  let ready = false;
  let destroyed = false;
  /** The other end needs nothing more from this one. */
  let peerDone = false;
  let parts: Uint8Array[] = [];
  // Leave room for the head and a part's marker.
  const maxPayload = Math.max(1024, (nc.info?.max_payload ?? 1024 * 1024) - HEAD - 1);
  /** The next number expected from the other end: everything before it has arrived. */
  let expected = 0;
  let askedFor = -1;
  let askedAt = 0;
  let resentFrom = -1;
  let resentAt = 0;
  let onSettled: (() => void) | undefined;
  const fail = (error: Error) => {
    for (const listener of errorListeners) listener({ data: error });
  };
  const isSettled = () => destroyed || (queue.length === 0 && (window.size === 0 || peerDone));
  /** Publish, unless the connection is closed (NATS is left: nothing goes anywhere now). */
  const put = (frame: Uint8Array) => {
    if (!nc.isClosed()) nc.publish(outbound, frame);
  };
  const control = (flags: number) => {
    if (ready && !destroyed) put(controlFrame(window.next, expected, flags, epoch));
  };
  /** Say that what is numbered `expected` has not arrived (not again at once). */
  const missing = () => {
    const now = Date.now();
    if (askedFor === expected && now - askedAt < AGAIN_MS) return;
    askedFor = expected;
    askedAt = now;
    control(MISSING);
  };
  /** The other end misses messages from number `from`: publish them again (not again at once). */
  const resend = (from: number) => {
    const now = Date.now();
    if (from === resentFrom && now - resentAt < AGAIN_MS) return;
    const frames = window.from(from);
    if (frames === undefined) return;
    resentFrom = from;
    resentAt = now;
    for (const frame of frames) put(frame);
  };
  const acknowledged = (ack: number) => {
    if (window.acknowledge(ack) && onSettled !== undefined && isSettled()) onSettled();
  };

  const take = (numbered: Uint8Array) => {
    const data = numbered.subarray(HEAD);
    let whole = data;
    if (data[0] !== 0xff) {
      parts.push(data.subarray(1));
      if (data[0] !== LAST_PART) return;
      whole = Buffer.concat(parts);
      parts = [];
    }
    let message: unknown;
    try {
      message = deserialize(whole);
    } catch (error) {
      fail(error as Error);
      return;
    }
    if ((message as unknown[])[0] === (receiving ? END : BROKEN)) {
      peerDone = true;
      // Say at once that it arrived: the other end's unit waits for that to finish.
      if (receiving) control(0);
      if (onSettled !== undefined) onSettled();
    }
    for (const listener of listeners) listener({ data: message });
  };
  /** The other end is a new copy: number from 0 again, and tell this side of the link. */
  const restart = () => {
    expected = 0;
    parts = [];
    askedFor = -1;
    resentFrom = -1;
    peerDone = false;
    window = new SentWindow();
    for (const listener of listeners) listener({ data: [RESTARTED] });
    if (endPosted) {
      if (ready) publish(serialize([END]));
      else queue.push(serialize([END]));
    }
    onSettled?.();
  };
  const deliver = (bytes: Uint8Array) => {
    if (bytes.length <= HEAD) return;
    const from = readU32(bytes, EPOCH);
    if (from !== peerEpoch) {
      if (peerEpoch !== -1 && distance(from, peerEpoch) < 0) return; // a stale copy's
      const restarted = peerEpoch !== -1;
      peerEpoch = from;
      if (restarted) restart();
    }
    // A sender that already had the link (a restarted receiver's) does not ask again.
    if (receiving && !ready) becomeReady();
    const seq = readU32(bytes, 0);
    acknowledged(readU32(bytes, 4));
    if (bytes[HEAD] === CONTROL) {
      const flags = bytes[HEAD + 1]!;
      if ((flags & MISSING) !== 0) resend(readU32(bytes, 4));
      // `seq` is the next number the other end will use: fewer have arrived here.
      if (distance(seq, expected) > 0) missing();
      else if ((flags & ASK) !== 0) control(0);
      return;
    }
    const ahead = distance(seq, expected);
    if (ahead < 0) return; // had already
    if (ahead > 0) {
      missing();
      return;
    }
    expected = (expected + 1) >>> 0;
    take(bytes);
  };
  const subscriptions: Subscription[] = [
    nc.subscribe(inbound, {
      callback: (error, msg) => {
        if (error === null && !destroyed) deliver(msg.data);
      },
    }),
  ];

  const send = (data: Uint8Array, marker?: number) => {
    const frame = numberedFrame(window.next, expected, data, marker, epoch);
    window.push(frame);
    put(frame);
  };
  const publish = (data: Uint8Array) => {
    if (data.length <= maxPayload) {
      send(data);
      return;
    }
    for (let at = 0; at < data.length; at += maxPayload) {
      const end = Math.min(data.length, at + maxPayload);
      send(data.subarray(at, end), end === data.length ? LAST_PART : PART);
    }
  };
  // Said again every second, even unchanged: a control message can be lost like anything else.
  const probe = setInterval(() => control(0), PROBE_MS);
  probe.unref();
  const becomeReady = () => {
    if (ready || destroyed) return;
    ready = true;
    for (const data of queue.splice(0)) publish(data);
  };

  if (receiving) {
    // Hello: a sender that is there already learns this end's epoch (of a later incarnation: a
    // sender blocked for credits learns of it now).
    put(controlFrame(0, 0, 0, epoch));
    subscriptions.push(
      nc.subscribe(`${base}.h`, {
        callback: (error, msg) => {
          if (error !== null) return;
          // Subscribed to the data before answering: the sender publishes only after this.
          msg.respond();
          becomeReady();
        },
      }),
    );
  } else {
    const deadline = Date.now() + GIVE_UP_MS;
    const ask = () => {
      if (destroyed || ready || Date.now() > deadline) return;
      nc.request(`${base}.h`, undefined, { timeout: ASK_TIMEOUT_MS }).then(becomeReady, () =>
        setTimeout(ask, RETRY_MS),
      );
    };
    // The credit subscription reaches the server before the question: no credit is missed.
    ask();
  }

  return {
    postMessage(message: unknown) {
      if (destroyed) return;
      if ((message as unknown[])[0] === END) endPosted = true;
      const data = serialize(message);
      if (ready) publish(data);
      else queue.push(data);
    },
    addEventListener(type: 'message' | 'messageerror', listener: Listener) {
      (type === 'message' ? listeners : errorListeners).push(listener);
    },
    close() {
      // What was posted is published once the other end is there, and again until it has it;
      // the end of the stream is in it. Nothing to half-close: subscriptions go with destroy().
    },
    settled(ms) {
      if (isSettled()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const asking = setInterval(() => control(ASK), SETTLE_ASK_MS);
        const done = () => {
          clearInterval(asking);
          clearTimeout(timer);
          onSettled = undefined;
        };
        const timer = setTimeout(() => {
          done();
          reject(NatsErrors.endNotAcknowledged(outbound, window.size + queue.length, ms));
        }, ms);
        onSettled = () => {
          if (!isSettled()) return;
          done();
          resolve();
        };
        control(ASK);
      });
    },
    destroy() {
      destroyed = true;
      clearInterval(probe);
      queue.length = 0;
      onSettled?.();
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}
