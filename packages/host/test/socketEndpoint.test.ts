/**
 * What arrives over a socket from another process is decoded as data and nothing else: no
 * code runs, no prototype changes, and bytes that are not a message are reported — never
 * thrown into the receiving process. An end that connects waits for its listener without
 * spending connections on it.
 */
import fs, { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, jest, test } from '@jest/globals';
import type { Endpoint } from '@plexus/core/backend';
import { openEndpoint, socketEndpoint } from '@plexus/host';

const dir = mkdtempSync(join(tmpdir(), 'plexus-socket-test-'));
let n = 0;
const open: (Endpoint | net.Socket)[] = [];
afterEach(() => {
  for (const end of open.splice(0))
    'destroy' in end && typeof end.destroy === 'function'
      ? end.destroy()
      : (end as Endpoint).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  jest.restoreAllMocks();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait until `done()` holds, for up to 10 s (a busy machine), looking every 5 ms. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 10_000; waited += 5) await pause(5);
}

/** A connecting end opened before its listener; what the listener receives. */
function connectingFirst(socket: string) {
  const client = socketEndpoint({ socket, listen: false });
  open.push(client);
  client.postMessage('queued before the listener was up');
  const received: unknown[] = [];
  const listen = () => {
    const server = socketEndpoint({ socket, listen: true });
    open.push(server);
    server.addEventListener('message', (event: { data: unknown }) => received.push(event.data));
  };
  return { received, listen };
}

/** A listening end, and a raw socket connected to it that writes whatever bytes we like. */
async function pair() {
  const socket = join(dir, `${++n}.sock`);
  const end = socketEndpoint({ socket, listen: true });
  const messages: unknown[] = [];
  const errors: unknown[] = [];
  end.addEventListener('message', (event: { data: unknown }) => messages.push(event.data));
  end.addEventListener('messageerror', (event: { data: unknown }) => errors.push(event.data));
  let raw: net.Socket | undefined;
  while (raw === undefined) {
    raw = await new Promise<net.Socket | undefined>((resolve) => {
      const s = net.connect(socket);
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(undefined));
    });
    if (raw === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  open.push(end, raw);
  const frame = (payload: Buffer) => {
    const bytes = Buffer.alloc(4 + payload.length);
    bytes.writeUInt32LE(payload.length, 0);
    payload.copy(bytes, 4);
    raw!.write(bytes);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
  return { messages, errors, frame, settle, raw };
}

describe('decoding what another process sends', () => {
  test('a message is data: a __proto__ key stays a key, and code in strings stays text', async () => {
    const { messages, frame, settle } = await pair();
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "run": "process.exit(3)"}');
    frame(serialize(hostile));
    await settle();
    expect(messages).toHaveLength(1);
    const got = messages[0] as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(got).sort()).toEqual(['__proto__', 'run']);
    expect(got.run).toBe('process.exit(3)');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A plain object whose prototype (Object.prototype of the decoding realm) was not touched.
    expect(Object.getPrototypeOf(Object.getPrototypeOf(got))).toBeNull();
    expect('polluted' in Object.getPrototypeOf(got)).toBe(false);
  });

  test('bytes that are not a message are reported as a messageerror, and the connection is closed', async () => {
    const { messages, errors, frame, settle, raw } = await pair();
    frame(Buffer.from([0xff, 0x0f, 0x6f, 0x22, 0x99, 0x99]));
    frame(serialize('after'));
    // The listening end closes the connection: the raw side sees it end (however busy the machine).
    const ended = raw.readableEnded || raw.closed;
    if (!ended) await new Promise((resolve) => raw.once('close', resolve).resume());
    await settle();
    expect(messages).toEqual([]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toMatch(/deserialize|clone/i);
    expect(raw.readableEnded || raw.closed).toBe(true);
  });
});

describe('connecting before the listener is up', () => {
  test('the connecting end looks for the socket file instead of failing connects, then delivers what it queued', async () => {
    const connects = jest.spyOn(net, 'connect');
    const { received, listen } = connectingFirst(join(dir, `${++n}.sock`));
    await pause(60);
    // Before, an attempt every 5 ms: ~12 failed connects by now, each a socket and an error.
    expect(connects).not.toHaveBeenCalled();
    listen();
    await until(() => received.length > 0);
    expect(received).toEqual(['queued before the listener was up']);
    expect(connects).toHaveBeenCalledTimes(1);
  });

  test('an end that may not look at the folder (a sandbox without read access) still connects', async () => {
    jest.spyOn(fs, 'existsSync').mockImplementation(() => {
      throw Object.assign(new Error('Access to this API has been restricted'), {
        code: 'ERR_ACCESS_DENIED',
      });
    });
    const connects = jest.spyOn(net, 'connect');
    const { received, listen } = connectingFirst(join(dir, `${++n}.sock`));
    await pause(30);
    expect(connects).toHaveBeenCalled();
    listen();
    await until(() => received.length > 0);
    expect(received).toEqual(['queued before the listener was up']);
  });
});

describe('opening a MessagePort', () => {
  test('gives it poll: the next message, taken at once, or undefined when none has come', () => {
    const { port1, port2 } = new MessageChannel();
    try {
      const end = openEndpoint(port2 as unknown as Endpoint);
      expect(end).toBe(port2);
      expect(end.poll?.()).toBeUndefined();
      port1.postMessage([2, 512]);
      port1.postMessage([2, 8]);
      expect(end.poll?.()).toEqual({ message: [2, 512] });
      expect(end.poll?.()).toEqual({ message: [2, 8] });
      expect(end.poll?.()).toBeUndefined();
    } finally {
      port1.close();
      port2.close();
    }
  });
});
