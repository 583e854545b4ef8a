/**
 * A link's end over NATS recovers what core NATS lost while both ends live: the messages of a
 * link are numbered and kept until acknowledged; an end that sees a gap says which number it
 * misses, the other publishes again from there, and numbers seen twice are dropped. An end
 * whose unit finishes waits until the other end has everything it sent.
 */
import { serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { ASK, CONTROL, controlFrame, HEAD, MISSING, readU32 } from '../src/internal/linkFrames.ts';
import { natsEndpoint } from '../src/internal/natsEndpoint.ts';
import { type Started, startNatsServer, stopAll } from './natsServer.ts';

let server: Started;
let nc: NatsConnection;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await stopAll();
});

/** A NATS message of the link as an end writes it: its number, its acknowledgement, the batch. */
function numbered(seq: number, message: unknown, ack = 0): Uint8Array {
  const data = serialize(message);
  const out = new Uint8Array(HEAD + data.length);
  new DataView(out.buffer).setUint32(0, seq);
  new DataView(out.buffer).setUint32(4, ack);
  out.set(data, HEAD);
  return out;
}

/** What an end publishes on `subject`, as it arrives. */
function record(subject: string): Uint8Array[] {
  const seen: Uint8Array[] = [];
  nc.subscribe(subject, { callback: (_e, msg: Msg) => void seen.push(msg.data) });
  return seen;
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const isControl = (m: Uint8Array) => m[HEAD] === CONTROL;
const flagsOf = (m: Uint8Array) => m[HEAD + 1]!;

describe('the receiving end of a link over NATS', () => {
  test('says which number it misses after a gap, then takes the resent messages once each, in order', async () => {
    const end = natsEndpoint(nc, 'test.gap', true);
    const got: unknown[] = [];
    const errors: unknown[] = [];
    end.addEventListener('message', (event) => got.push(event.data));
    end.addEventListener('messageerror', (event) => errors.push(event.data));
    const upstream = record('test.gap.c');
    await nc.flush();
    await nc.request('test.gap.h', undefined, { timeout: 2_000 });
    nc.publish('test.gap.d', numbered(0, 'first'));
    nc.publish('test.gap.d', numbered(2, 'third, before the second'));
    await until(() => upstream.some((m) => isControl(m) && (flagsOf(m) & MISSING) !== 0));
    const asked = upstream.find((m) => isControl(m) && (flagsOf(m) & MISSING) !== 0)!;
    expect(readU32(asked, 4)).toBe(1);
    // Published again from 1: the first again is dropped, as is the second twice.
    for (const seq of [1, 2, 1])
      nc.publish('test.gap.d', numbered(seq, ['second', 'third'][seq - 1]));
    nc.publish('test.gap.d', numbered(3, 'fourth'));
    await until(() => got.length === 4);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(['first', 'second', 'third', 'fourth']);
    expect(errors).toEqual([]);
    end.destroy?.();
  });

  test('asks for what a probe shows was sent but never arrived (a loss at the end)', async () => {
    const end = natsEndpoint(nc, 'test.tail', true);
    const upstream = record('test.tail.c');
    await nc.flush();
    await nc.request('test.tail.h', undefined, { timeout: 2_000 });
    nc.publish('test.tail.d', controlFrame(2, 0, 0));
    await until(() => upstream.some((m) => isControl(m) && (flagsOf(m) & MISSING) !== 0));
    end.destroy?.();
  });
});

describe('the sending end of a link over NATS', () => {
  test('publishes again from the number the receiver misses, and is settled once all is acknowledged', async () => {
    const downstream = record('test.resend.d');
    const hello = nc.subscribe('test.resend.h', { callback: (_e, msg) => void msg.respond() });
    await nc.flush();
    const end = natsEndpoint(nc, 'test.resend', false);
    for (const message of ['a', 'b', [1]]) end.postMessage(message);
    end.close();
    await until(() => downstream.length >= 3);
    const sent = downstream.slice(0, 3);
    let settled = false;
    const settling = end.settled(5_000).then(() => (settled = true));
    // It asks to be answered while it waits.
    await until(() => downstream.some((m) => isControl(m) && (flagsOf(m) & ASK) !== 0));
    nc.publish('test.resend.c', controlFrame(0, 1, MISSING));
    await until(() => downstream.filter((m) => !isControl(m)).length >= 5);
    expect(downstream.filter((m) => !isControl(m)).slice(3)).toEqual(sent.slice(1));
    expect(settled).toBe(false);
    nc.publish('test.resend.c', controlFrame(0, 3, 0));
    await settling;
    expect(settled).toBe(true);
    hello.unsubscribe();
    end.destroy?.();
  });

  test('whose receiver never answers fails its wait, naming the link', async () => {
    const hello = nc.subscribe('test.silent.h', { callback: (_e, msg) => void msg.respond() });
    await nc.flush();
    const end = natsEndpoint(nc, 'test.silent', false);
    end.postMessage([1]);
    await expect(end.settled(500)).rejects.toThrow(
      "The other end of the link on 'test.silent.d' did not acknowledge the last 1 NATS message",
    );
    hello.unsubscribe();
    end.destroy?.();
  });
});
