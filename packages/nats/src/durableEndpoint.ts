/**
 * A durable link's end over NATS JetStream, shaped as an Endpoint. The downstream half of the
 * link protocol (batches and the end) goes into a JetStream stream of its own (one per run and
 * link, on the link's `<base>.d` subject), read by one durable consumer that acknowledges a
 * batch only once what came of it is safe (see {@link DurableUnit}); credits, `broken` and
 * `unlink` go upstream on core NATS (`<base>.c`), as on every link, so flow control still
 * bounds what is in flight. A receiving end that starts — a unit restarted on another node —
 * resumes after the last acknowledged batch.
 *
 * What the receiving end hands its reader is numbered (the core strips the numbers): the
 * number of a message is the stream position of its batch times 2^20 plus its index in the
 * batch, the same in every incarnation, so a restarted component tags what it sends for each
 * input as the dead one did. A batch from a sender that tags (a component that itself reads a
 * durable link) has `[input, message]` items and `[input]` marks (the input is handled); the
 * receiving end drops what it has already delivered — a restarted sender's replay — by input
 * and position within it, and gives the sender the credit of what it drops.
 *
 * Each stream message: 4 bytes, the sending end's incarnation; 1 byte, flags (1: tagged);
 * then a whole V8-serialized batch (its first byte 0xFF), or a part of one larger than the
 * server's `max_payload` (0: a part, 1: the last part).
 */
import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  StorageType,
} from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Endpoint } from '@plexus/core/backend';
import type { DurableUnit } from './DurableUnit.ts';

/** Link protocol tags (the core's linkProtocol.ts). */
const DATA = 0;
const END = 1;
const CREDIT = 2;
const PART = 0;
const LAST_PART = 1;
const HEAD = 5;
const TAGGED = 1;
/** A message's number: its batch's stream position times this, plus its index in the batch. */
const BATCH_SPAN = 2 ** 20;
const CONSUMER = 'receiver';
/** Never redeliver to a live receiver: it holds what it has not acknowledged on purpose. */
const ACK_WAIT_NS = 24 * 3600 * 1e9;

type Listener = (event: { data: unknown }) => void;

/** How a durable end is opened. */
export interface DurableOptions {
  /** The unit this end belongs to (absent on the coordinator, whose ends never restart). */
  readonly unit?: DurableUnit;
  /** The link's capacity, if known: a receiver acknowledges only what its component took. */
  readonly capacity?: number;
  /** The sender tags what it sends with the input it handles (it reads a durable link). */
  readonly tagged?: boolean;
}

/** The JetStream stream of the link whose subjects start with `base`. */
const streamName = (base: string): string => base.replaceAll('.', '_');

/** Make the link's stream if it is not there (both ends ask; the first makes it). */
async function ensureStream(jsm: JetStreamManager, base: string): Promise<void> {
  const name = streamName(base);
  await jsm.streams.add({ name, subjects: [`${base}.d`], storage: StorageType.File });
}

/** Delete the streams of durable links (the run is over). */
export async function deleteStreams(nc: NatsConnection, bases: Iterable<string>): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await Promise.all([...bases].map((base) => jsm.streams.delete(streamName(base)).catch(() => {})));
}

/** The sending (`receiving` false) or receiving end of the durable link under `base`. */
export function durableEndpoint(
  nc: NatsConnection,
  base: string,
  receiving: boolean,
  options: DurableOptions = {},
): Endpoint {
  const listeners: Listener[] = [];
  const errorListeners: Listener[] = [];
  const fail = (error: unknown) => {
    for (const listener of errorListeners) listener({ data: error });
  };
  const emit = (message: unknown) => {
    for (const listener of listeners) listener({ data: message });
  };
  const end = receiving ? receiver(nc, base, options, emit, fail) : sender(nc, base, options, fail);
  if (!receiving) {
    end.subscriptions.push(
      nc.subscribe(`${base}.c`, {
        callback: (error, msg) => {
          if (error === null) emit(deserialize(msg.data));
        },
      }),
    );
  }
  return {
    writesPlainData: true,
    postMessage: (message: unknown) => end.post(message),
    addEventListener(type: 'message' | 'messageerror', listener: Listener) {
      (type === 'message' ? listeners : errorListeners).push(listener);
    },
    close() {
      // The end of the stream is in the stream; the receiver's credits need no closing.
    },
    destroy() {
      end.destroy();
      for (const subscription of end.subscriptions) subscription.unsubscribe();
    },
  };
}

interface End {
  post(message: unknown): void;
  destroy(): void;
  readonly subscriptions: Subscription[];
}

function sender(
  nc: NatsConnection,
  base: string,
  options: DurableOptions,
  fail: (error: unknown) => void,
): End {
  const js = jetstream(nc);
  const incarnation = randomBytes(4);
  const flags = options.tagged === true ? TAGGED : 0;
  const maxPayload = Math.max(1024, (nc.info?.max_payload ?? 1024 * 1024) - HEAD - 1);
  let ready = false;
  let destroyed = false;
  let n = 0;
  const subject = `${base}.d`;
  const framed = (data: Uint8Array, marker?: number) => {
    const head = HEAD + (marker === undefined ? 0 : 1);
    const out = new Uint8Array(head + data.length);
    out.set(incarnation, 0);
    out[4] = flags;
    if (marker !== undefined) out[HEAD] = marker;
    out.set(data, head);
    return out;
  };
  /** A batch's stream messages: whole, or in parts. */
  const frames = (data: Uint8Array): Uint8Array[] => {
    if (data.length <= maxPayload) return [framed(data)];
    const parts: Uint8Array[] = [];
    for (let at = 0; at < data.length; at += maxPayload) {
      const stop = Math.min(data.length, at + maxPayload);
      parts.push(framed(data.subarray(at, stop), stop === data.length ? LAST_PART : PART));
    }
    return parts;
  };
  const publish = (batch: Uint8Array[], handled: number | undefined) => {
    let last: Promise<unknown> = Promise.resolve();
    for (const frame of batch)
      last = js.publish(subject, frame, { msgID: `${incarnation.toString('hex')}-${n++}` });
    last.then(
      () => {
        if (handled !== undefined) options.unit?.handled(handled);
      },
      (error: unknown) => {
        if (!destroyed) fail(error);
      },
    );
  };
  const pending: (readonly [Uint8Array[], number | undefined])[] = [];
  void jetstreamManager(nc)
    .then((jsm) => ensureStream(jsm, base))
    .then(
      () => {
        ready = true;
        for (const [batch, handled] of pending.splice(0)) publish(batch, handled);
      },
      (error: unknown) => fail(error),
    );
  if (options.tagged === true) options.unit?.addTaggedSender();
  return {
    subscriptions: [],
    post(message) {
      if (destroyed) return;
      // The last input this batch marks as handled: once stored, its inputs may be acknowledged.
      let handled: number | undefined;
      const protocol = message as readonly [number, (readonly unknown[])?];
      if (options.tagged === true && protocol[0] === DATA) {
        for (const item of protocol[1]!)
          if ((item as unknown[]).length === 1) handled = (item as [number])[0];
      }
      const batch = frames(serialize(message));
      if (ready) publish(batch, handled);
      else pending.push([batch, handled]);
    },
    destroy() {
      destroyed = true;
      pending.length = 0;
    },
  };
}

function receiver(
  nc: NatsConnection,
  base: string,
  options: DurableOptions,
  emit: (message: unknown) => void,
  fail: (error: unknown) => void,
): End {
  const name = streamName(base);
  const subscriptions: Subscription[] = [];
  let destroyed = false;
  let stop: (() => void) | undefined;
  /** The last stream position delivered (a redelivery of one at or before it is dropped). */
  let lastSeq = 0;
  let parts: Uint8Array[] = [];
  let partsFrom = -1;
  /** Dedupe of a tagging sender's messages: the last input delivered, and how many of its messages. */
  let lastInput = Number.NEGATIVE_INFINITY;
  let ofLastInput = 0;
  let runFrom = -1;
  let runInput = Number.NEGATIVE_INFINITY;
  let runPos = 0;
  /** Delivered batches not yet acknowledged: their message, and messages delivered up to their end. */
  const unacked: { msg: JsMsg; seq: number; through: number }[] = [];
  let delivered = 0;
  let credited = 0;
  const ackThrough = (seq: number) => {
    let last: JsMsg | undefined;
    while (unacked.length > 0 && unacked[0]!.seq <= seq) last = unacked.shift()!.msg;
    last?.ack();
  };
  const creditMode = () => {
    if (options.unit?.marks() === true) return;
    // The inbox holds at most its capacity: what entered before that much more has been taken,
    // and all but the one being handled are handled.
    const safe = credited - (options.capacity === undefined ? 0 : options.capacity + 1);
    let seq = 0;
    for (const batch of unacked) if (batch.through <= safe) seq = batch.seq;
    if (seq > 0) ackThrough(seq);
  };
  options.unit?.addReceiver({
    handledThrough(input: number) {
      // Every batch before the one holding `input` is handled.
      ackThrough(Math.floor(input / BATCH_SPAN) - 1);
    },
  });
  const credit = (n: number) => {
    if (n > 0) nc.publish(`${base}.c`, serialize([CREDIT, n]));
  };

  const deliver = (msg: JsMsg) => {
    const seq = msg.seq;
    if (seq <= lastSeq) return;
    lastSeq = seq;
    const data = msg.data;
    const from = new DataView(data.buffer, data.byteOffset, 4).getUint32(0);
    const tagged = (data[4]! & TAGGED) !== 0;
    let body = data.subarray(HEAD);
    if (body[0] !== 0xff) {
      if (from !== partsFrom) parts = [];
      partsFrom = from;
      parts.push(body.subarray(1));
      if (body[0] !== LAST_PART) {
        unacked.push({ msg, seq, through: delivered });
        return;
      }
      body = Buffer.concat(parts);
      parts = [];
    }
    let message: readonly [number, (readonly unknown[])?];
    try {
      message = deserialize(body) as typeof message;
    } catch (error) {
      fail(error);
      return;
    }
    if (message[0] === END) {
      emit(message);
      return;
    }
    if (message[0] !== DATA) {
      fail(new Error(`a durable link on '${base}.d' carried protocol message ${message[0]}`));
      return;
    }
    const items = message[1]!;
    const numbered: unknown[] = [];
    let dropped = 0;
    for (let i = 0; i < items.length; i++) {
      let item = items[i];
      if (tagged) {
        const [input, payload] = item as [number, unknown];
        if ((item as unknown[]).length === 1) continue;
        if (from !== runFrom || input !== runInput) {
          runFrom = from;
          runInput = input;
          runPos = 0;
        } else runPos++;
        if (input > lastInput) {
          lastInput = input;
          ofLastInput = 1;
        } else if (input === lastInput && runPos >= ofLastInput) ofLastInput = runPos + 1;
        else {
          dropped++;
          continue;
        }
        item = payload;
      }
      numbered.push([seq * BATCH_SPAN + i, item]);
    }
    credit(dropped);
    delivered += numbered.length;
    unacked.push({ msg, seq, through: delivered });
    if (numbered.length > 0) emit([DATA, numbered]);
  };

  void (async () => {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, base);
    // Resume after the last acknowledged batch: a consumer left by a dead receiver would
    // redeliver what it had handed out only after its ack wait, so it is made afresh.
    const left = await jsm.consumers.info(name, CONSUMER).catch(() => null);
    if (left !== null) await jsm.consumers.delete(name, CONSUMER);
    lastSeq = left?.ack_floor.stream_seq ?? 0;
    await jsm.consumers.add(name, {
      durable_name: CONSUMER,
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: lastSeq + 1,
      ack_wait: ACK_WAIT_NS,
      max_ack_pending: -1,
    });
    if (destroyed) return;
    const consumer = await jetstream(nc).consumers.get(name, CONSUMER);
    const messages = await consumer.consume({ callback: deliver, max_messages: 256 });
    stop = () => void messages.stop();
    if (destroyed) stop();
  })().catch((error: unknown) => {
    if (!destroyed) fail(error);
  });

  return {
    subscriptions,
    post(message) {
      if (destroyed) return;
      const upstream = message as readonly [number, number?];
      nc.publish(`${base}.c`, serialize(message));
      if (upstream[0] === CREDIT) {
        credited += upstream[1]!;
        creditMode();
      }
    },
    destroy() {
      destroyed = true;
      stop?.();
    },
  };
}
