/**
 * What flows upstream on a durable link — credits, BROKEN, UNLINK — as a state said again
 * every second rather than as messages that must each arrive: a NATS server that dies may take
 * one with it, and a lost credit would stall the sender for ever. The receiving end says, on
 * `<base>.c`: its incarnation, the sender incarnation whose messages it has last delivered, the
 * credits it had granted when it first delivered one of them, the credits it has granted in
 * all, and whether it has ended (BROKEN) or unlinked. The sending end turns each state into the
 * protocol messages it had not had yet: credits beyond what it had from that receiver, counted
 * only once the receiver delivers its own messages (what it granted a dead sender is not
 * this one's), and BROKEN or UNLINK once.
 */
import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { NatsConnection } from '@nats-io/transport-node';
import { BROKEN, CREDIT, UNLINK } from './durableFrame.ts';

/** [receiver, sender seen, granted when first seen, granted, broken, unlinked] */
type State = readonly [number, number, number, number, boolean, boolean];

const REPEAT_MS = 1000;

/** The receiving end's side: what it grants and how it ends, said again until it goes. */
export interface CreditSender {
  /** A message of sender incarnation `sender` is delivered. */
  seen(sender: number): void;
  grant(n: number): void;
  broken(): void;
  unlinked(): void;
  destroy(): void;
}

export function creditSender(nc: NatsConnection, base: string): CreditSender {
  const incarnation = randomBytes(4).readUInt32BE(0);
  let sender = -1;
  let since = 0;
  let granted = 0;
  let broken = false;
  let unlinked = false;
  let destroyed = false;
  const say = () => {
    if (destroyed || nc.isClosed()) return;
    const state: State = [incarnation, sender, since, granted, broken, unlinked];
    nc.publish(`${base}.c`, serialize(state));
  };
  const repeat = setInterval(say, REPEAT_MS);
  repeat.unref();
  return {
    seen(from) {
      if (from === sender) return;
      sender = from;
      since = granted;
    },
    grant(n) {
      if (n <= 0) return;
      granted += n;
      say();
    },
    broken() {
      broken = true;
      say();
    },
    unlinked() {
      unlinked = true;
      say();
    },
    destroy() {
      destroyed = true;
      clearInterval(repeat);
    },
  };
}

/**
 * The sending end's side: reads the states of `<base>.c` and emits the protocol messages they
 * add, for the sender of incarnation `incarnation`.
 */
export function creditReader(
  incarnation: number,
  emit: (message: unknown) => void,
): (data: Uint8Array) => void {
  const applied = new Map<number, number>();
  const ended = new Set<string>();
  return (data) => {
    const [receiver, sender, since, granted, broken, unlinked] = deserialize(data) as State;
    if (sender === incarnation) {
      const had = applied.get(receiver) ?? since;
      if (granted > had) emit([CREDIT, granted - had]);
      applied.set(receiver, Math.max(had, granted));
    }
    for (const [flag, tag] of [
      [unlinked, UNLINK],
      [broken, BROKEN],
    ] as const) {
      const key = `${receiver}/${tag}`;
      if (!flag || ended.has(key)) continue;
      ended.add(key);
      emit([tag]);
    }
  };
}
