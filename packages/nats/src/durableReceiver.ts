/**
 * The receiving end of a durable link: it makes the link's consumer afresh after the last
 * acknowledged batch, numbers what it delivers, drops what it has delivered already (a
 * redelivery, or a restarted tagging sender's replay) and acknowledges what is safe: up to the
 * inputs the unit's stored outputs mark handled, or what entered the inbox a capacity ago.
 */
import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import {
  AckPolicy,
  DeliverPolicy,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  BATCH_SPAN,
  CREDIT,
  DATA,
  type DurableOptions,
  END,
  type End,
  HEAD,
  LAST_PART,
  streamFailure,
  TAGGED,
} from './durableFrame.ts';
import { ensureStream, streamName } from './durableStreams.ts';

/** Never redeliver to a live receiver: it holds what it has not acknowledged on purpose. */
const ACK_WAIT_NS = 24 * 3600 * 1e9;

export function durableReceiver(
  nc: NatsConnection,
  base: string,
  options: DurableOptions,
  emit: (message: unknown) => void,
  fail: (error: unknown) => void,
): End {
  const name = streamName(base);
  const consumerName = `receiver-${randomBytes(4).toString('hex')}`;
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
    // Resume after the last acknowledged batch. A consumer left by an earlier incarnation
    // would redeliver what it had handed out only after its ack wait, and a copy of the unit
    // still running where it was cut off would go on pulling from it: each incarnation makes
    // a consumer of its own and deletes the others, which fences the stale copy off.
    const left: { name: string; floor: number }[] = [];
    for await (const info of jsm.consumers.list(name))
      left.push({ name: info.name, floor: info.ack_floor.stream_seq });
    for (const { name: gone } of left) await jsm.consumers.delete(name, gone).catch(() => false);
    lastSeq = Math.max(0, ...left.map((c) => c.floor));
    await jsm.consumers.add(name, {
      durable_name: consumerName,
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: lastSeq + 1,
      ack_wait: ACK_WAIT_NS,
      max_ack_pending: -1,
    });
    if (destroyed) return;
    const consumer = await jetstream(nc).consumers.get(name, consumerName);
    const messages = await consumer.consume({ callback: deliver, max_messages: 256 });
    stop = () => void messages.stop();
    if (destroyed) stop();
  })().catch((error: unknown) => {
    if (!destroyed) fail(streamFailure(`${base}.d`, 'could not make the consumer', error));
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
