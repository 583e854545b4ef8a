/**
 * The receiving end of a durable link: it makes the link's consumer afresh after the last
 * acknowledged batch, numbers what it delivers, drops what it has delivered already (a
 * redelivery, or a restarted tagging sender's replay) and acknowledges what is safe: up to the
 * inputs the unit's stored outputs mark handled, or what entered the inbox a capacity ago.
 */
import { deserialize } from 'node:v8';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { creditSender } from './durableCredits.ts';
import {
  BATCH_SPAN,
  BROKEN,
  CREDIT,
  DATA,
  type DurableOptions,
  END,
  type End,
  HEAD,
  LAST_PART,
  TAGGED,
  UNLINK,
} from './durableFrame.ts';
import { streamConsumer } from './streamConsumer.ts';

export function durableReceiver(
  nc: NatsConnection,
  base: string,
  options: DurableOptions,
  emit: (message: unknown) => void,
  fail: (error: unknown) => void,
): End {
  const subscriptions: Subscription[] = [];
  let destroyed = false;
  /** The last stream position delivered (a redelivery of one at or before it is dropped). */
  let lastSeq = 0;
  let ended = false;
  let parts: Uint8Array[] = [];
  let partsFrom = -1;
  /** Dedupe of a tagging sender's messages: the last input delivered, and how many of its messages. */
  let lastInput = Number.NEGATIVE_INFINITY;
  let ofLastInput = 0;
  let runFrom = -1;
  let runInput = Number.NEGATIVE_INFINITY;
  let runPos = 0;
  /** Delivered batches not yet acknowledged: their message, and messages delivered up to their end. */
  const unacked: { msg: JsMsg; readonly seq: number; readonly through: number }[] = [];
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
  const upstream = creditSender(nc, base);
  const credit = (n: number) => upstream.grant(n);

  const deliver = (msg: JsMsg) => {
    const seq = msg.seq;
    if (seq <= lastSeq) {
      // Delivered again (by a new consumer, or after the ack wait): acknowledge through it.
      const batch = unacked.find((b) => b.seq === seq);
      if (batch !== undefined) batch.msg = msg;
      return;
    }
    // A server that died took some with it: they come again, then what follows them.
    if (seq > lastSeq + 1) return;
    lastSeq = seq;
    const data = msg.data;
    const from = new DataView(data.buffer, data.byteOffset, 4).getUint32(0);
    upstream.seen(from);
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
      ended = true;
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

  const consumer = streamConsumer(nc, base, {
    deliver,
    fail,
    opened(acknowledged) {
      lastSeq = acknowledged;
    },
    position: () => ({ last: lastSeq, resume: unacked[0]?.seq ?? lastSeq + 1, ended }),
  });

  return {
    subscriptions,
    post(message) {
      if (destroyed) return;
      const protocol = message as readonly [number, number?];
      if (protocol[0] === CREDIT) {
        credit(protocol[1]!);
        credited += protocol[1]!;
        creditMode();
      } else if (protocol[0] === BROKEN) upstream.broken();
      else if (protocol[0] === UNLINK) upstream.unlinked();
    },
    settled: () => Promise.resolve(),
    destroy() {
      destroyed = true;
      consumer.destroy();
      upstream.destroy();
    },
  };
}
