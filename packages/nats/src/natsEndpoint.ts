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
 * A batch larger than the server's `max_payload` travels in parts (first byte 0: a part,
 * 1: the last part; a whole batch starts with V8's version byte 0xFF).
 *
 * Every NATS message of a link starts with its number on that subject (4 bytes). Core NATS
 * delivers at most once: a server of a cluster that dies takes with it what it held, and the
 * clients reconnect to another. A gap in the numbers is such a loss; the end that sees it
 * reports it as an error (the graph fails, naming the link and how many batches were lost)
 * rather than going on with messages missing. A loss at the end of what was sent leaves no
 * later message to show the gap, so each end also says, every second, how many it has sent
 * (a probe: the next number and the byte 2, not numbered itself); NATS keeps a publisher's
 * order, so a probe that finds fewer arrived than sent is a loss.
 */
import { deserialize, serialize } from 'node:v8';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Endpoint } from '@plexus/core/backend';

/** How long a sending end keeps asking for its receiver before giving up (it is gone). */
const GIVE_UP_MS = 60_000;
const RETRY_MS = 20;
const ASK_TIMEOUT_MS = 500;
const PART = 0;
const LAST_PART = 1;
const PROBE = 2;
const SEQ_BYTES = 4;
const PROBE_MS = 1000;

type Listener = (event: { data: unknown }) => void;

/** The sending (`receiving` false) or receiving end of the link whose subjects start with `base`. */
export function natsEndpoint(nc: NatsConnection, base: string, receiving: boolean): Endpoint {
  const inbound = `${base}.${receiving ? 'd' : 'c'}`;
  const outbound = `${base}.${receiving ? 'c' : 'd'}`;
  const listeners: Listener[] = [];
  const errorListeners: Listener[] = [];
  const queue: Uint8Array[] = [];
  let ready = false;
  let destroyed = false;
  let parts: Uint8Array[] = [];
  // Leave room for the part marker and the number.
  const maxPayload = Math.max(1024, (nc.info?.max_payload ?? 1024 * 1024) - 1 - SEQ_BYTES);
  let sent = 0;
  let expected = 0;
  const fail = (error: Error) => {
    for (const listener of errorListeners) listener({ data: error });
  };

  const deliver = (numbered: Uint8Array) => {
    const seq = new DataView(numbered.buffer, numbered.byteOffset, SEQ_BYTES).getUint32(0);
    if (seq !== expected) {
      const lost = (seq - expected) >>> 0;
      expected = numbered[SEQ_BYTES] === PROBE ? seq : (seq + 1) >>> 0;
      parts = [];
      fail(
        Object.assign(
          new Error(
            `${lost} NATS message${lost === 1 ? '' : 's'} of the link on '${inbound}' never arrived (a NATS server that held them went down, or a slow consumer was cut off); a link over core NATS does not recover them`,
          ),
          { code: 'ERR_LINK_LOST' },
        ),
      );
      return;
    }
    const data = numbered.subarray(SEQ_BYTES);
    if (data[0] === PROBE) return;
    expected = (seq + 1) >>> 0;
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
    for (const listener of listeners) listener({ data: message });
  };
  const subscriptions: Subscription[] = [
    nc.subscribe(inbound, {
      callback: (error, msg) => {
        if (error === null) deliver(msg.data);
      },
    }),
  ];

  /** `data` after its number, with `marker` (a part's) before it if given. */
  const numbered = (data: Uint8Array, marker?: number) => {
    const head = SEQ_BYTES + (marker === undefined ? 0 : 1);
    const out = new Uint8Array(head + data.length);
    new DataView(out.buffer).setUint32(0, sent);
    sent = (sent + 1) >>> 0;
    if (marker !== undefined) out[SEQ_BYTES] = marker;
    out.set(data, head);
    return out;
  };
  const publish = (data: Uint8Array) => {
    if (data.length <= maxPayload) {
      nc.publish(outbound, numbered(data));
      return;
    }
    for (let at = 0; at < data.length; at += maxPayload - 1) {
      const end = Math.min(data.length, at + maxPayload - 1);
      nc.publish(
        outbound,
        numbered(data.subarray(at, end), end === data.length ? LAST_PART : PART),
      );
    }
  };
  const probe = setInterval(() => {
    // Said again every second, even unchanged: a probe can be lost like anything else.
    if (!ready || destroyed) return;
    const message = new Uint8Array(SEQ_BYTES + 1);
    new DataView(message.buffer).setUint32(0, sent);
    message[SEQ_BYTES] = PROBE;
    nc.publish(outbound, message);
  }, PROBE_MS);
  probe.unref();
  const becomeReady = () => {
    if (ready || destroyed) return;
    ready = true;
    for (const data of queue.splice(0)) publish(data);
  };

  if (receiving) {
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
      const data = serialize(message);
      if (ready) publish(data);
      else queue.push(data);
    },
    addEventListener(type: 'message' | 'messageerror', listener: Listener) {
      (type === 'message' ? listeners : errorListeners).push(listener);
    },
    close() {
      // What was posted is published once the other end is there; the end of the stream is in
      // it. Nothing to half-close: subscriptions go with destroy().
    },
    destroy() {
      destroyed = true;
      clearInterval(probe);
      queue.length = 0;
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}
