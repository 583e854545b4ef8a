/**
 * TcpClient: one TCP connection as a component — its inbox is written to the socket, and what
 * the socket receives is sent on its outbox.
 */
import { connect, type Socket } from 'node:net';
import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { sendAll } from './connection.ts';
import {
  chunk,
  decoder,
  drainReadable,
  encoding,
  endWritable,
  hostPort,
  writeChunk,
} from './streams.ts';

/**
 * A TCP client: connects to `host:port`, writes what arrives on `in`, and sends on `out` what
 * the peer sends.
 *
 * It connects when the graph starts (the component fails with `ERR_CONNECT` if it cannot,
 * e.g. nothing listens there). Writing waits while the socket's buffer is full, and reading
 * pauses while the link out of `out` is full, so neither side's memory grows without bound.
 * When `in` ends, what was written is flushed and the client half-closes its side (the peer
 * sees end of stream). When the peer ends its side, `out` ends: by default the client then
 * stops writing and closes (the rest of its input is not read — upstream sees its link end);
 * with `allowHalfOpen: true` it goes on writing until `in` ends. A connection that breaks
 * before the peer ends it (ECONNRESET) fails the component with `ERR_CONNECTION`. Stopping it
 * closes the socket at once. Strings are written as UTF-8; what arrives is sent as
 * `Uint8Array` chunks, or as text with `encoding: 'utf8'`.
 *
 * @example
 * ```ts
 * import { collectInto, FromItems, TcpClient, tcpServer } from '@plexus/components';
 * import { box, defineComponent, graph, z } from '@plexus/core';
 *
 * const Shout = defineComponent({
 *   name: 'Shout',
 *   description: 'Sends back what it receives, upper-cased.',
 *   inboxes: { in: box(z.string(), 'Text from the peer.') },
 *   outboxes: { out: box(z.string(), 'Text to the peer.') },
 *   async body({ inbox, outbox }) {
 *     for await (const text of inbox.in) await outbox.out.send(text.toUpperCase());
 *   },
 * });
 *
 * // The server graph, on a free port it announces.
 * const server = graph('server');
 * const listening: { port: number }[] = [];
 * const shout = server.add('shout', tcpServer({ protocol: Shout, encoding: 'utf8' }));
 * server.link(shout.outbox('address'), server.add('at', collectInto(listening)).inbox('in'));
 * const serving = server.run();
 * while (listening.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
 *
 * // A client graph: it writes one line, half-closes, and reads until the server closes.
 * const client = graph('client');
 * const got: string[] = [];
 * client.pipeline(
 *   client.add('ask', FromItems, { params: { items: ['hello\n'] } }),
 *   client.add('conn', TcpClient, { params: { port: listening[0]!.port, encoding: 'utf8' } }),
 *   client.add('keep', collectInto(got)),
 * );
 * await client.run();
 * await server.stop({ graceful: true });
 * await serving;
 * const reply = got.join('');
 * // reply: 'HELLO\n'
 * ```
 */
export const TcpClient = defineComponent({
  name: 'TcpClient',
  description:
    'Connects to a TCP server, writes what it receives to the connection and sends on what the connection receives.',
  inboxes: {
    in: box(
      chunk,
      'Data to write to the connection (strings as UTF-8); when it ends, the client half-closes.',
      { optional: true },
    ),
  },
  outboxes: {
    out: box(chunk, 'Data received from the connection, in order; ends when the peer ends.'),
  },
  params: z.object({
    host: z.string().default('127.0.0.1').describe('Host name or address to connect to.'),
    port: z.number().int().min(1).max(65535).describe('Port to connect to.'),
    encoding,
    allowHalfOpen: z
      .boolean()
      .default(false)
      .describe(
        'When the peer ends its side: false (default) stops writing and closes; true keeps writing until the inbox ends.',
      ),
  }),
  async body({ inbox, outbox, params, signal, name, self }) {
    const who = { name, type: self.definition.name };
    const address = hostPort(params.host, params.port);
    const socket = connect({ host: params.host, port: params.port, allowHalfOpen: true });
    socket.on('error', ignore); // looked at below; never unhandled
    try {
      const failed = await connected(socket, signal);
      if (signal.aborted) return;
      if (failed !== undefined) throw Errors.connect(who, address, params.host, failed);

      let readingDone = false;
      const writing = (async () => {
        const input = inbox.in;
        copy: while (await input.wait()) {
          while (input.dataReady()) {
            if (readingDone && !params.allowHalfOpen) break copy;
            const written = writeChunk(socket, input.recv(), signal);
            if (written === false || (written !== true && !(await written))) break copy;
          }
        }
        await endWritable(socket, signal);
      })();
      // A stop interrupts a pending wait, and reading may finish first: never leave it unhandled.
      writing.catch(ignore);

      const decode = decoder(params.encoding);
      const result = await drainReadable(socket, signal, (data) =>
        sendAll(outbox.out, decode.push(data)),
      );
      readingDone = true;
      if (result.how === 'aborted') return;
      if (result.how === 'error') throw Errors.connection(who, address, result.error);
      await sendAll(outbox.out, decode.end());
      if (params.allowHalfOpen) {
        // Still writing: a peer that resets now refused data meant for it.
        await writing;
        if (socket.errored) throw Errors.connection(who, address, socket.errored);
      } else {
        // The peer has ended: flush what was written and close (errors while closing are moot).
        await endWritable(socket, signal);
      }
    } finally {
      socket.destroy();
    }
  },
});

/** Resolves once connected (undefined), or with the error that prevented it. */
function connected(socket: Socket, signal: AbortSignal): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const done = (error: Error | undefined) => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
      resolve(error);
    };
    const onConnect = () => done(undefined);
    const onError = (error: Error) => done(error);
    const onAbort = () => done(undefined);
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort);
  });
}

function ignore(): void {}
