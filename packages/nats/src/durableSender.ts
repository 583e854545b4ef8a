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
import { ensureStream } from './durableStreams.ts';

export function durableSender(
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
        if (!destroyed) fail(streamFailure(subject, 'did not store a batch', error));
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
      (error: unknown) => fail(streamFailure(subject, 'could not make the stream', error)),
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
