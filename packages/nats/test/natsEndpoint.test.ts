/**
 * A link's end over NATS notices what core NATS lost: the messages of a link are numbered, and a
 * gap fails the end with `code: 'ERR_LINK_LOST'`, which a run reports as ERR_LINK_LOST.
 */
import { serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsEndpoint } from '../src/natsEndpoint.ts';
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

/** A NATS message of the link as its sending end writes it: its number, then the batch. */
function numbered(seq: number, message: unknown): Uint8Array {
  const data = serialize(message);
  const out = new Uint8Array(4 + data.length);
  new DataView(out.buffer).setUint32(0, seq);
  out.set(data, 4);
  return out;
}

describe('the receiving end of a link over NATS', () => {
  test('takes the messages in their numbered order, and reports a gap as lost messages', async () => {
    const end = natsEndpoint(nc, 'test.loss', true);
    const got: unknown[] = [];
    const errors: (Error & { code?: string })[] = [];
    end.addEventListener('message', (event) => got.push(event.data));
    end.addEventListener('messageerror', (event) => errors.push(event.data as Error));
    await nc.flush();
    nc.publish('test.loss.d', numbered(0, 'first'));
    nc.publish('test.loss.d', numbered(3, 'after a gap'));
    await nc.flush();
    const deadline = Date.now() + 5_000;
    while (errors.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(['first']);
    expect(errors.map((e) => e.code)).toEqual(['ERR_LINK_LOST']);
    expect(errors[0]!.message).toContain(
      "2 NATS messages of the link on 'test.loss.d' never arrived",
    );
    end.destroy?.();
  });
});
