/**
 * The two halves of one accepted TCP connection, as components a server adds to its graph for
 * each connection (Kamaelia's ConnectedSocketAdapter, split in two): a reader that sends what
 * the peer sends, and a writer that writes what it receives. Splitting them makes the reader a
 * source, so a graceful stop ends each connection's input and lets its protocol drain.
 *
 * A server hands a connection to its two components through this module's registry (a socket
 * cannot be a param); the components are added by the server in the same thread or process.
 */
import type { Socket } from 'node:net';
import { box, defineComponent, type Outbox, z } from '@plexus/core';
import { chunk, decoder, drainReadable, encoding, endWritable, writeChunk } from './streams.ts';

/** One accepted connection, shared by its reader, its writer and its server. */
export interface Connection {
  readonly socket: Socket;
  /** The first socket error seen, if any. */
  error: Error | undefined;
  /** Called once by the reader and once by the writer when they are done with the socket. */
  finished(): void;
}

const registry = new Map<string, Connection>();

/** Register a connection for its reader and writer; returns its key. */
export function registerConnection(key: string, connection: Connection): void {
  registry.set(key, connection);
}

export function unregisterConnection(key: string): void {
  registry.delete(key);
}

function lookup(kind: string, key: string): Connection {
  const connection = registry.get(key);
  if (connection === undefined) {
    throw new Error(
      `${kind}: there is no open connection '${key}'. This component is added by TcpServer, one per connection; do not add it yourself.`,
    );
  }
  return connection;
}

/** Send every message, awaiting only when the outbox is full. */
export function sendAll<T>(out: Outbox<T>, messages: readonly T[]): Promise<void> | undefined {
  for (let i = 0; i < messages.length; i++)
    if (!out.trySend(messages[i]!)) return sendRest(out, messages, i);
  return undefined;
}

async function sendRest<T>(out: Outbox<T>, messages: readonly T[], from: number): Promise<void> {
  for (let i = from; i < messages.length; i++) await out.send(messages[i]!);
}

/** Part of TcpServer: what one connection receives. */
export const TcpSocketReader = defineComponent({
  name: 'TcpSocketReader',
  description:
    'Part of TcpServer (added by it, one per connection): sends on what the peer sends, with backpressure, until the peer ends its side.',
  outboxes: { out: box(chunk, 'Data from the peer, in order.') },
  params: z.object({
    connection: z.string().describe('The key under which the server registered the connection.'),
    encoding,
  }),
  async body({ outbox, params, signal }) {
    const connection = lookup('TcpSocketReader', params.connection);
    const { socket } = connection;
    const decode = decoder(params.encoding);
    try {
      const result = await drainReadable(socket, signal, (data) =>
        sendAll(outbox.out, decode.push(data)),
      );
      if (result.how === 'error') connection.error ??= result.error;
      if (result.how !== 'aborted') await sendAll(outbox.out, decode.end());
    } finally {
      // Stopped, or the protocol no longer reads: discard the rest, so the peer can finish.
      if (!socket.destroyed && !socket.readableEnded) socket.on('data', discard);
      connection.finished();
    }
  },
});

/** Part of TcpServer: what one connection sends. */
export const TcpSocketWriter = defineComponent({
  name: 'TcpSocketWriter',
  description:
    'Part of TcpServer (added by it, one per connection): writes what it receives to the peer, with backpressure, and ends the connection when its input ends.',
  inboxes: { in: box(chunk, 'Data to send to the peer (strings are sent as UTF-8).') },
  params: z.object({
    connection: z.string().describe('The key under which the server registered the connection.'),
  }),
  async body({ inbox, params, signal }) {
    const { socket, finished } = lookup('TcpSocketWriter', params.connection);
    const input = inbox.in;
    try {
      writing: while (await input.wait()) {
        while (input.dataReady()) {
          const written = writeChunk(socket, input.recv(), signal);
          if (written === false || (written !== true && !(await written))) break writing;
        }
      }
      await endWritable(socket, signal);
    } finally {
      // Stopped hard, failed or removed: cut the connection rather than leave it open.
      if (signal.aborted) socket.destroy();
      finished();
    }
  },
});

function discard(): void {}
