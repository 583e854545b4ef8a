import type { AddressInfo } from 'node:net';
import { box, defineComponent, z } from '@plexus/core';
import { WebSocketServer as Server, type WebSocket } from 'ws';
import { Errors } from '../errors.ts';
import { hostPort } from '../net/streams.ts';
import { decodeFrame, encodeFrame, frameFormat, maxBuffered, sendFrame } from './frames.ts';

const connection = z.object({
  client: z.number().int(),
  event: z.enum(['open', 'close']),
  remoteAddress: z.string(),
  code: z.number().int().optional().describe('On close: the close code.'),
});

/** How many received frames wait before the clients' sockets are paused. */
const HIGH_WATER = 16;

/**
 * A WebSocket server (`ws`): broadcasts what arrives on `in` to every client, and sends on
 * `out` what clients send, as `{ client, payload }`.
 *
 * It listens on `host:port` (`port: 0` picks a free one; the address goes out once on
 * `address` as `{ host, port, url }`, so a WebSocketClient in the same graph can connect to
 * it), accepting upgrades on `path` if given. Each message on `in` is sent to every client
 * connected then (text and bytes as they are, anything else as JSON); with `minClients`, the
 * first is held until that many have connected. Sending waits while a client's buffer holds
 * more than `maxBuffered` bytes, so the slowest client sets the pace; reading pauses every
 * client's socket while frames received wait for room in the link out of `out`. Frames
 * received are decoded by `format`. Connections and disconnections go out on `connections`.
 * With `close: 'when-input-ends'` (the default), when `in` ends every client is closed
 * normally (code 1000) once what was sent has been written, and the server ends; with
 * `'when-stopped'` (a server that only receives, whose `in` is left unlinked), it runs until
 * the graph is stopped. A port it cannot listen on fails it with `ERR_LISTEN`.
 *
 * @example
 * ```ts
 * import { collectInto, FromItems, WebSocketClient, WebSocketServer } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * // The server takes a free port and announces it; the client connects there.
 * const g = graph('ws');
 * const server = g.add('server', WebSocketServer, { params: { minClients: 1 } });
 * const client = g.add('client', WebSocketClient);
 * const news = g.add('news', FromItems, { params: { items: ['hello', { n: 2 }] } });
 * g.link(news.outbox('out'), server.inbox('in'));
 * g.link(server.outbox('address'), client.inbox('connect'));
 * const out: unknown[] = [];
 * g.link(client.outbox('out'), g.add('keep', collectInto(out)).inbox('in'));
 * await g.run(); // the server closes the connection once its input has ended
 * // out: ['hello', { n: 2 }]
 * ```
 */
export const WebSocketServer = defineComponent({
  name: 'WebSocketServer',
  description:
    'A WebSocket server: broadcasts its input to every client, and sends on what clients send.',
  inboxes: {
    in: box(z.any(), 'Messages to send to every connected client.', { optional: true }),
  },
  outboxes: {
    out: box(
      z.object({ client: z.number().int(), payload: z.unknown() }),
      'What clients send: { client, payload }.',
      { optional: true },
    ),
    address: box(
      z.object({ host: z.string(), port: z.number().int(), url: z.string() }),
      'Where it listens, once listening: { host, port, url }.',
      { optional: true },
    ),
    connections: box(connection, 'A client connected or disconnected.', { optional: true }),
  },
  params: z.object({
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(0)
      .describe('Port to listen on (0: any free one).'),
    host: z
      .string()
      .default('127.0.0.1')
      .describe("Address to listen on ('0.0.0.0': every interface)."),
    path: z.string().optional().describe("Accept connections only on this path, e.g. '/alerts'."),
    format: frameFormat,
    minClients: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Hold the first message to send until this many clients have connected.'),
    maxBuffered,
    close: z
      .enum(['when-input-ends', 'when-stopped'])
      .default('when-input-ends')
      .describe(
        "'when-input-ends': close every client and end when in ends; 'when-stopped': run until stopped.",
      ),
  }),
  async body({ inbox, outbox, params, signal, name }) {
    const who = { name, type: 'WebSocketServer' };
    const server = new Server({
      host: params.host,
      port: params.port,
      ...(params.path === undefined ? {} : { path: params.path }),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    }).catch((error: unknown) => {
      server.close();
      throw Errors.listen(who, hostPort(params.host, params.port), params.host, error);
    });
    server.on('error', () => {});
    const clients = new Map<number, WebSocket>();
    const received: { client: number; payload: unknown }[] = [];
    const events: z.output<typeof connection>[] = [];
    const paused = new Set<WebSocket>();
    let failure: unknown;
    let wake: (() => void) | undefined;
    const poke = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    let ids = 0;
    server.on('connection', (socket, request) => {
      const client = ++ids;
      const remoteAddress = request.socket.remoteAddress ?? '';
      clients.set(client, socket);
      events.push({ client, event: 'open', remoteAddress });
      socket.on('error', () => {});
      socket.on('message', (data, isBinary) => {
        try {
          received.push({ client, payload: decodeFrame(data, isBinary, params.format) });
        } catch (error) {
          failure ??= Errors.badFormat(
            who,
            'a frame',
            (error as Error).message,
            ` from client ${client} (${remoteAddress})`,
            "Send JSON, or set format: 'auto' or 'text'.",
          );
        }
        if (received.length >= HIGH_WATER) {
          for (const s of clients.values()) s.pause();
          for (const s of clients.values()) paused.add(s);
        }
        poke();
      });
      socket.on('close', (code) => {
        clients.delete(client);
        paused.delete(socket);
        events.push({ client, event: 'close', remoteAddress, code });
        poke();
      });
      poke();
    });
    const bound = server.address() as AddressInfo;
    const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
    await outbox.address.send({
      host: bound.address,
      port: bound.port,
      url: `ws://${host}:${bound.port}${params.path ?? ''}`,
    });

    let inputDone = false;
    const sending = (async () => {
      const input = inbox.in;
      let first = true;
      while (await input.wait()) {
        while (input.dataReady()) {
          while (first && clients.size < params.minClients) {
            await new Promise<void>((resolve) => server.once('connection', () => resolve()));
          }
          first = false;
          const frame = encodeFrame(input.recv());
          await Promise.all(
            [...clients.values()].map((socket) =>
              sendFrame(socket, frame, params.maxBuffered).catch(() => {}),
            ),
          );
        }
      }
      inputDone = true;
      if (params.close === 'when-input-ends') {
        for (const socket of clients.values()) socket.close(1000, 'done');
        server.close();
      }
      poke();
    })();
    sending.catch((error: unknown) => {
      if (!signal.aborted) failure ??= error;
      poke();
    });
    const onAbort = () => poke();
    signal.addEventListener('abort', onAbort);
    try {
      for (;;) {
        while (received.length > 0) await outbox.out.send(received.shift()!);
        for (const socket of paused) socket.resume();
        paused.clear();
        while (events.length > 0) await outbox.connections.send(events.shift()!);
        if (failure !== undefined) throw failure;
        if (signal.aborted) return;
        if (inputDone && params.close === 'when-input-ends' && clients.size === 0) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      for (const socket of clients.values()) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
});
