/**
 * The sending end of a durable link: each batch posted is published into the link's stream
 * (made first if the receiver has not made it), under a message id of its incarnation and
 * number; a batch of a tagging sender that marks inputs handled tells the unit, once the server
 * has stored it, so the unit's durable input can be acknowledged up to there.
 */
import { randomBytes } from 'node:crypto';
import { serialize } from 'node:v8';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  DATA,
  type DurableOptions,
  type End,
  HEAD,
  LAST_PART,
  PART,
  streamFailure,
  TAGGED,
} from './durableFrame.ts';
import { ensureStream, streamReplicas } from './durableStreams.ts';
import { streamPublisher } from './streamPublisher.ts';

export function durableSender(
  nc: NatsConnection,
  base: string,
  options: DurableOptions,
  fail: (error: unknown) => void,
): End & { readonly incarnation: number } {
  const js = jetstream(nc);
  const incarnation = randomBytes(4);
  const flags = options.tagged === true ? TAGGED : 0;
  const maxPayload = Math.max(1024, (nc.info?.max_payload ?? 1024 * 1024) - HEAD - 1);
  let ready = false;
  let destroyed = false;
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
  const publisher = streamPublisher(js, subject, incarnation.toString('hex'), (error) => {
    if (!destroyed) fail(error);
  });
  const publish = (batch: Uint8Array[], handled: number | undefined) => {
    for (let i = 0; i < batch.length; i++) {
      const last = i === batch.length - 1 && handled !== undefined;
      publisher.publish(batch[i]!, last ? () => options.unit?.handled(handled) : undefined);
    }
  };
  const pending: (readonly [Uint8Array[], number | undefined])[] = [];
  void jetstreamManager(nc)
    .then((jsm) => ensureStream(jsm, base, streamReplicas(nc)))
    .then(
      () => {
        ready = true;
        for (const [batch, handled] of pending.splice(0)) publish(batch, handled);
      },
      (error: unknown) => fail(streamFailure(subject, 'could not make the stream', error)),
    );
  if (options.tagged === true) options.unit?.addTaggedSender();
  return {
    incarnation: incarnation.readUInt32BE(0),
    subscriptions: [],
    async settled(ms) {
      const deadline = Date.now() + ms;
      // Not yet published: the stream is being made.
      while (pending.length > 0 && !destroyed && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await publisher.settled(Math.max(0, deadline - Date.now()));
    },
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
      publisher.destroy();
    },
  };
}
