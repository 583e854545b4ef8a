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
 * and position within it, and gives the sender the credit of what it drops. (The framing of a
 * stream message: durableFrame.ts.)
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { creditReader } from './durableCredits.ts';
import type { DurableOptions, End } from './durableFrame.ts';
import { durableReceiver } from './durableReceiver.ts';
import { durableSender } from './durableSender.ts';
import type { NatsEndpoint } from './natsEndpoint.ts';

type Listener = (event: { data: unknown }) => void;

/** The sending (`receiving` false) or receiving end of the durable link under `base`. */
export function durableEndpoint(
  nc: NatsConnection,
  base: string,
  receiving: boolean,
  options: DurableOptions = {},
): NatsEndpoint {
  const listeners: Listener[] = [];
  const errorListeners: Listener[] = [];
  const fail = (error: unknown) => {
    for (const listener of errorListeners) listener({ data: error });
  };
  const emit = (message: unknown) => {
    for (const listener of listeners) listener({ data: message });
  };
  const end = receiving
    ? durableReceiver(nc, base, options, emit, fail)
    : durableSender(nc, base, options, fail);
  if (!receiving) {
    const read = creditReader((end as End & { incarnation: number }).incarnation, emit);
    end.subscriptions.push(
      nc.subscribe(`${base}.c`, {
        callback: (error, msg) => {
          if (error === null) read(msg.data);
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
    settled: (ms: number) => end.settled(ms),
    close() {
      // The end of the stream is in the stream; the receiver's credits need no closing.
    },
    destroy() {
      end.destroy();
      for (const subscription of end.subscriptions) subscription.unsubscribe();
    },
  };
}
