import { box, defineComponent, z } from '@plexus/core';
import { WebSocket } from 'ws';
import { Errors } from '../errors.ts';
import { sleep } from '../internal/sleep.ts';
import { closed, decodeFrame, encodeFrame, frameFormat, maxBuffered, sendFrame } from './frames.ts';

/** Close codes of a normal end, after which the client does not reconnect. */
const NORMAL = new Set([1000, 1001]);
/** How many received frames wait before the socket is paused. */
const HIGH_WATER = 16;

/**
 * A WebSocket client (`ws`): connects to `url`, sends what arrives on `in`, and sends on `out`
 * what the server sends.
 *
 * The url is the `url` param, or the first message on the `connect` inbox (a string, or
 * `{ url }` as a WebSocketServer's `address` outbox sends it). The first connection must
 * succeed — otherwise it fails with `ERR_CONNECT` naming the url; a connection lost later
 * without a normal close is made again every `reconnectMs` (unless `reconnect: false`, when it
 * fails with `ERR_CONNECTION`), and what arrives on `in` meanwhile waits. Each message on `in`
 * is sent as a frame (text and bytes as they are, anything else as JSON), waiting while more
 * than `maxBuffered` bytes are unsent; reading pauses the socket while frames received wait
 * for room in the link out of `out`. Frames are decoded by `format`. It ends when the server
 * closes the connection normally (code 1000 or 1001), or, when `in` ends and `close` is
 * `'when-input-ends'` (the default), once it has closed the connection itself; with
 * `'when-stopped'` (a client that only listens) its input's end does not close it.
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
export const WebSocketClient = defineComponent({
  name: 'WebSocketClient',
  description:
    'A WebSocket client: sends its input to a server, and sends on what the server sends.',
  inboxes: {
    in: box(z.any(), 'Messages to send to the server.', { optional: true }),
    connect: box(
      z.union([z.string(), z.object({ url: z.string() })]),
      'The url to connect to (or { url }), when the url param is not set.',
      { optional: true },
    ),
  },
  outboxes: { out: box(z.unknown(), 'What the server sends, decoded, in order.') },
  params: z.object({
    url: z
      .string()
      .optional()
      .describe("The server, e.g. 'ws://127.0.0.1:8080/alerts' (or send it to connect)."),
    format: frameFormat,
    maxBuffered,
    reconnect: z.boolean().default(true).describe('Connect again when the connection is lost.'),
    reconnectMs: z
      .number()
      .int()
      .min(10)
      .default(1000)
      .describe('Wait between reconnection attempts.'),
    close: z
      .enum(['when-input-ends', 'when-stopped'])
      .default('when-input-ends')
      .describe(
        "'when-input-ends': close the connection and end when in ends; 'when-stopped': not.",
      ),
  }),
  async body({ inbox, outbox, params, signal, name }) {
    const who = { name, type: 'WebSocketClient' };
    let url = params.url;
    if (url === undefined) {
      const connect = inbox.connect;
      if (!(await connect.wait()))
        throw Errors.connectUrl(
          who,
          '(no url)',
          new Error('neither the url param nor a message on connect gave one'),
        );
      const given = connect.recv();
      url = typeof given === 'string' ? given : given.url;
    }
    const target = url;
    const received: unknown[] = [];
    let socket!: WebSocket;
    let failure: unknown;
    let ended = false;
    /** This client closed the connection itself (its input ended). */
    let closing = false;
    let wake: (() => void) | undefined;
    const poke = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    /** Connect; frames that come with the handshake are caught from the start. */
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(target);
        attach(ws);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const attach = (ws: WebSocket) => {
      ws.on('error', () => {});
      ws.on('message', (data, isBinary) => {
        try {
          received.push(decodeFrame(data, isBinary, params.format));
        } catch (error) {
          failure ??= Errors.badFormat(
            who,
            'a frame',
            (error as Error).message,
            ` from ${target}`,
            "Send JSON, or set format: 'auto' or 'text'.",
          );
        }
        if (received.length >= HIGH_WATER) ws.pause();
        poke();
      });
      ws.on('close', (code) => {
        if (ws !== socket) return;
        if (NORMAL.has(code) || !params.reconnect || signal.aborted) {
          if (!NORMAL.has(code) && !signal.aborted && !closing)
            failure ??= Errors.connection(who, target, new Error(`closed with code ${code}`));
          ended = true;
          poke();
          return;
        }
        void reconnect();
      });
    };
    let reconnecting: Promise<void> | undefined;
    const reconnect = () => {
      reconnecting ??= (async () => {
        while (!signal.aborted) {
          await sleep(params.reconnectMs, signal).catch(() => {});
          if (signal.aborted) return;
          try {
            socket = await open();
            return;
          } catch {}
        }
      })().finally(() => {
        reconnecting = undefined;
        poke();
      });
      return reconnecting;
    };
    try {
      socket = await open();
    } catch (error) {
      throw Errors.connectUrl(who, target, error);
    }
    const sending = (async () => {
      const input = inbox.in;
      while (await input.wait()) {
        while (input.dataReady()) {
          const frame = encodeFrame(input.recv());
          for (;;) {
            if (reconnecting !== undefined) await reconnecting;
            if (ended || signal.aborted) return;
            try {
              await sendFrame(socket, frame, params.maxBuffered);
              break;
            } catch {
              // Lost meanwhile: send it again once reconnected.
              await new Promise((resolve) => setImmediate(resolve));
            }
          }
        }
      }
      if (params.close === 'when-input-ends' && !ended) {
        closing = true;
        socket.close(1000, 'done');
      }
    })();
    sending.catch((error: unknown) => {
      failure ??= error;
      poke();
    });
    const onAbort = () => poke();
    signal.addEventListener('abort', onAbort);
    try {
      for (;;) {
        while (received.length > 0) await outbox.out.send(received.shift());
        if (socket.isPaused) socket.resume();
        if (failure !== undefined) throw failure;
        if (ended || signal.aborted) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (!ended) socket.terminate();
      await closed(socket);
    }
  },
});
