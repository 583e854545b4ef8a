/**
 * The consumer a durable link's receiving end reads its stream with, kept reading through a
 * NATS server's death. It is made afresh after the last acknowledged batch when the end opens
 * (a consumer left by a dead receiver would redeliver what it had handed out only after its
 * ack wait). A server that dies may take with it messages it was delivering, which the
 * consumer counts as delivered and would not send again (acknowledgements are cumulative and
 * it was delivering, and the pull requests it held. The consumer delivers again what is not
 * acknowledged after a short ack wait (the end drops what it has had by its position, and
 * drops what comes after a gap until the gap is filled), and pull requests expire after a
 * second; as a last resort, when nothing has arrived for a while though the stream holds
 * more, the end reads again from its first unacknowledged message with a new consumer.
 */
import { randomBytes } from 'node:crypto';
import {
  AckPolicy,
  DeliverPolicy,
  type JsMsg,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { streamFailure } from './durableFrame.ts';
import { ensureStream, streamName, streamReplicas } from './durableStreams.ts';

/**
 * What a live receiver has not acknowledged — what it holds on purpose (it drops it again by
 * position), and what a server that died took on its way — comes again after this.
 */
const ACK_WAIT_NS = 2 * 1e9;
/** A pull request lasts this long; a server that dies with one is asked again after it. */
const EXPIRES_MS = 1000;
/** Silent this long while the stream holds more: read again with a new consumer. */
const IDLE_MS = 5000;
const RETRY_MS = 250;
const GIVE_UP_MS = 60_000;

/** What the receiving end tells its consumer. */
export interface ConsumerEnd {
  deliver(msg: JsMsg): void;
  /** The last position delivered, the first not acknowledged, and whether the stream has ended. */
  position(): { readonly last: number; readonly resume: number; readonly ended: boolean };
  /** Opened: the last position acknowledged before (by an earlier incarnation). */
  opened(acknowledged: number): void;
  fail(error: unknown): void;
}

export interface StreamConsumer {
  destroy(): void;
}

export function streamConsumer(nc: NatsConnection, base: string, end: ConsumerEnd): StreamConsumer {
  const name = streamName(base);
  const consumerName = `receiver-${randomBytes(4).toString('hex')}`;
  let destroyed = false;
  let busy = true;
  let stop: (() => void) | undefined;
  let lastAt = Date.now();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const consumeFrom = async (start: number) => {
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.delete(name, consumerName).catch(() => {});
    await jsm.consumers.add(name, {
      durable_name: consumerName,
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: start,
      ack_wait: ACK_WAIT_NS,
      max_ack_pending: -1,
    });
    if (destroyed) return;
    const consumer = await jetstream(nc).consumers.get(name, consumerName);
    const deliver = (msg: JsMsg) => {
      lastAt = Date.now();
      end.deliver(msg);
    };
    const messages = await consumer.consume({
      callback: deliver,
      max_messages: 256,
      expires: EXPIRES_MS,
    });
    stop = () => void messages.stop();
    if (destroyed) stop();
  };
  /** Do `step` until it works, or fail the link after GIVE_UP_MS. */
  const retry = async (step: () => Promise<void>, what: string) => {
    const since = Date.now();
    for (;;) {
      try {
        await step();
        break;
      } catch (error) {
        if (destroyed) return;
        if (Date.now() - since > GIVE_UP_MS) {
          end.fail(streamFailure(`${base}.d`, what, error));
          return;
        }
        await sleep(RETRY_MS);
      }
    }
    lastAt = Date.now();
    busy = false;
  };
  void retry(async () => {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, base, streamReplicas(nc));
    // A consumer left by an earlier incarnation would redeliver what it had handed out only
    // after its ack wait, and a copy of the unit still running where it was cut off would go on
    // pulling from it: each incarnation makes a consumer of its own and deletes the others,
    // which fences the stale copy off.
    const left: { name: string; floor: number }[] = [];
    for await (const info of jsm.consumers.list(name))
      left.push({ name: info.name, floor: info.ack_floor.stream_seq });
    for (const { name: gone } of left) await jsm.consumers.delete(name, gone).catch(() => false);
    const acknowledged = Math.max(0, ...left.map((c) => c.floor));
    end.opened(acknowledged);
    await consumeFrom(acknowledged + 1);
  }, 'could not make the consumer');
  const again = () => {
    if (busy || destroyed) return;
    busy = true;
    stop?.();
    stop = undefined;
    void retry(() => consumeFrom(end.position().resume), 'could not read again');
  };
  const watch = setInterval(() => {
    const { last, ended } = end.position();
    if (busy || destroyed || ended || Date.now() - lastAt < IDLE_MS) return;
    lastAt = Date.now();
    void jetstreamManager(nc)
      .then((jsm) => jsm.streams.info(name))
      .then(
        (info) => {
          if (info.state.last_seq > last) again();
        },
        () => {},
      );
  }, IDLE_MS / 2);
  watch.unref();
  return {
    destroy() {
      destroyed = true;
      clearInterval(watch);
      stop?.();
    },
  };
}
