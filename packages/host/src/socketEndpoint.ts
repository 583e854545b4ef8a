/**
 * A link's end over a Unix socket, shaped as an Endpoint: what travels between processes.
 *
 * Frames are a 4-byte length and a payload in V8's structured-clone format (what `v8.serialize`
 * writes; plain data is written by `encodeFrame`, which keeps nothing alive), so a message
 * arrives with exactly the types `postMessage` would carry — Map, Set, Date, BigInt, typed
 * arrays, errors, cycles — and decoding (`v8.deserialize`) never runs code. Partial
 * reads, large frames (up to 4 GB) and bursts are reassembled. One end listens on the path,
 * the other connects once the path exists (retrying until the listener is up); messages posted
 * before the connection are queued.
 */
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import { deserialize } from 'node:v8';
import { MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { Endpoint, SocketSpec } from '@plexus/core/backend';
import { encodeFrame } from './internal/encodeFrame.ts';

const RETRY_MS = 5;
/** How often a connecting end looks for the listener's socket file, before it is there. */
const LOOK_MS = 2;
/** A connecting end gives up after this long without a listener (the other end is gone). */
const GIVE_UP_MS = 30_000;

/**
 * One end of a link over a Unix socket, as an `Endpoint`: frames of V8's structured-clone
 * format, queued until connected. The `listen` end listens on the path; the other connects,
 * retrying until the listener is up.
 *
 * @example
 * ```ts
 * import { socketEndpoint } from '@plexus/host';
 *
 * const server = socketEndpoint({ socket: '/tmp/plexus-demo.sock', listen: true });
 * const client = socketEndpoint({ socket: '/tmp/plexus-demo.sock', listen: false });
 * server.addEventListener('message', (event) => console.log(event.data));
 * client.postMessage({ hello: 'world' });
 * ```
 */
export function socketEndpoint(spec: SocketSpec): Endpoint {
  let socket: net.Socket | undefined;
  let closed = false;
  const queue: Buffer[] = [];
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const errorListeners: ((event: { data: unknown }) => void)[] = [];
  // Received bytes not yet framed: kept as chunks, joined once a whole frame is in, so a big
  // frame arriving in many pieces is copied once, not once per piece.
  let chunks: Buffer[] = [];
  let buffered = 0;
  let server: net.Server | undefined;
  let destroyed = false;

  const attach = (connected: net.Socket) => {
    socket = connected;
    connected.setNoDelay(true);
    connected.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      for (;;) {
        if (buffered < 4) return;
        const head = chunks[0]!.length >= 4 ? chunks[0]! : Buffer.concat(chunks);
        const size = head.readUInt32LE(0);
        if (buffered < 4 + size) return;
        const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
        let data: unknown;
        try {
          data = deserialize(all.subarray(4, 4 + size));
        } catch (error) {
          // Not our encoding: stop reading from this peer, and say so (as a MessagePort does).
          chunks = [];
          buffered = 0;
          connected.destroy();
          for (const listener of errorListeners) listener({ data: error });
          return;
        }
        const rest = all.subarray(4 + size);
        chunks = rest.length > 0 ? [rest] : [];
        buffered = rest.length;
        for (const listener of listeners) listener({ data });
      }
    });
    connected.on('error', () => {});
    for (const frame of queue.splice(0)) connected.write(frame);
    if (closed) connected.end();
  };

  const stopListening = () => {
    server?.close();
    server = undefined;
    try {
      rmSync(spec.socket, { force: true });
    } catch {
      // A sandboxed process may not be allowed to remove it; the parent's directory goes anyway.
    }
  };

  if (spec.listen) {
    server = net.createServer((connected) => {
      stopListening();
      attach(connected);
    });
    server.on('error', () => {});
    server.listen(spec.socket);
  } else {
    const deadline = Date.now() + GIVE_UP_MS;
    // Until the listener's socket file exists, look for it rather than connect: a connect that
    // fails costs a socket and an error, and a parent waiting for a child to boot made ~100 of
    // them, taking CPU the booting child wanted. An end that may not look (a sandbox without
    // read access to the folder) connects blindly, as every end did before.
    let look = process.platform !== 'win32';
    const listenerUp = () => {
      if (!look) return true;
      try {
        return existsSync(spec.socket);
      } catch {
        look = false;
        return true;
      }
    };
    const connect = () => {
      if (destroyed || (closed && queue.length === 0) || Date.now() > deadline) return;
      if (!listenerUp()) {
        setTimeout(connect, LOOK_MS);
        return;
      }
      const attempt = net.connect(spec.socket);
      attempt.once('connect', () => attach(attempt));
      attempt.once('error', () => {
        attempt.destroy();
        // Keeps the process alive while frames wait to be delivered (close() does not drop them).
        setTimeout(connect, RETRY_MS);
      });
    };
    connect();
  }

  return {
    // encodeFrame writes plain data into a reused buffer: no JSON text first (see Endpoint).
    writesPlainData: true,
    postMessage(message: unknown) {
      const frame = encodeFrame(message);
      if (socket === undefined) queue.push(frame);
      else socket.write(frame);
    },
    addEventListener(
      type: 'message' | 'messageerror',
      listener: (event: { data: unknown }) => void,
    ) {
      (type === 'message' ? listeners : errorListeners).push(listener);
    },
    close() {
      closed = true;
      if (socket === undefined) {
        if (spec.listen) stopListening();
      } else socket.end();
    },
    destroy() {
      destroyed = true;
      closed = true;
      queue.length = 0;
      stopListening();
      socket?.destroy();
    },
  };
}

/**
 * Turn a socket end into an open Endpoint; a MessagePort passes through, given `poll` (so a
 * link's end in a worker thread can wait a moment for the other end before its thread sleeps).
 *
 * @example
 * ```ts
 * import { openEndpoint } from '@plexus/host';
 *
 * const end = openEndpoint({ socket: '/tmp/plexus-demo.sock', listen: true });
 * end.addEventListener('message', (event) => console.log(event.data));
 * ```
 */
export function openEndpoint(endpoint: Endpoint | SocketSpec): Endpoint {
  if ('socket' in endpoint) return socketEndpoint(endpoint);
  if (endpoint instanceof MessagePort) {
    const port = endpoint;
    (port as MessagePort & Endpoint).poll = () => receiveMessageOnPort(port);
  }
  return endpoint;
}
