/**
 * HttpServer: every request becomes a message, and the response comes back through an inbox,
 * matched by id. A composite of two components sharing one `node:http` server: `listen` (a
 * source: it accepts requests and sends them on) and `respond` (it writes the responses). Being
 * a source, `listen` is what a graceful stop stops, so requests already in flight are still
 * answered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { box, defineComponent, defineGraph, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { bytes, hostPort, ownBytes } from './streams.ts';

const request = z.object({
  id: z.number().int().describe('Copy it into the response.'),
  method: z.string(),
  url: z.string().describe('Path and query, e.g. /items?page=2.'),
  headers: z.record(z.string(), z.string()).describe('Lower-cased names; repeated headers joined.'),
  body: z.union([z.string(), bytes]).describe('UTF-8 text, or bytes with binary: true.'),
});

/**
 * A request as HttpServer sends it.
 *
 * Read whole: its id (copy it into the response), method, path and query, lower-cased headers,
 * and body as text (or bytes with `binary: true`).
 *
 * @example
 * ```ts
 * import type { HttpRequest, HttpResponse } from '@plexus/components';
 *
 * export const echo = (req: HttpRequest): HttpResponse => ({
 *   id: req.id,
 *   headers: { 'content-type': 'text/plain' },
 *   body: `${req.method} ${req.url}\n`,
 * });
 * ```
 */
export type HttpRequest = z.output<typeof request>;

const response = z.object({
  id: z.number().int().describe('The id of the request this answers.'),
  status: z.number().int().min(100).max(599).optional().describe('Default 200.'),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
  body: z
    .union([z.string(), bytes])
    .optional()
    .describe('Text (sent as UTF-8) or bytes; none for an empty body.'),
});

/**
 * A response as HttpServer receives it.
 *
 * Sent to its `responses` inbox, in any order: the id of the request it answers, a status
 * (default 200), headers and a body (text or bytes).
 *
 * @example
 * ```ts
 * import type { HttpResponse } from '@plexus/components';
 *
 * export const notFound = (id: number): HttpResponse => ({ id, status: 404, body: 'not found\n' });
 * ```
 */
export type HttpResponse = z.input<typeof response>;

const address = z.object({
  host: z.string(),
  port: z.number().int(),
  url: z.string().describe('e.g. http://127.0.0.1:8080'),
});

const serverParams = {
  port: z
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(0)
    .describe('Port to listen on; 0 picks a free one, announced on the address outbox.'),
  host: z
    .string()
    .default('127.0.0.1')
    .describe(
      "Address to listen on: '127.0.0.1' (this machine only), '0.0.0.0' or '::' (every interface).",
    ),
  binary: z
    .boolean()
    .default(false)
    .describe('Send request bodies as bytes (Uint8Array) instead of UTF-8 text.'),
  maxBodyBytes: z
    .number()
    .int()
    .min(0)
    .default(1024 * 1024)
    .describe('Larger request bodies are answered 413 and not sent on.'),
  timeout: z
    .number()
    .min(0)
    .default(30_000)
    .describe(
      'Milliseconds a request may wait for its response before it is answered 504; 0 waits forever.',
    ),
  maxWaiting: z
    .number()
    .int()
    .min(1)
    .default(1000)
    .describe(
      'Requests that may wait to be sent on while the requests link is full; more are answered 503.',
    ),
};

/** What the two halves of one HttpServer share. */
interface Shared {
  server: Server | undefined;
  /** Resolves when the server has closed (set once it listens). */
  closed: Promise<void> | undefined;
  /** Requests sent on (or about to be) that have no response yet. */
  readonly pending: Map<
    number,
    { res: ServerResponse; timer: ReturnType<typeof setTimeout> | undefined }
  >;
  nextId: number;
  /** The listener has stopped: requests arriving now are answered 503. */
  closing: boolean;
  /** The responder has finished: nothing can answer any more. */
  responderDone: boolean;
  /** Halves still running. */
  users: number;
  /** Wakes the listener (the responder finished). */
  poke: () => void;
}

const registry = new Map<string, Shared>();

function shared(key: string): Shared {
  let state = registry.get(key);
  if (state === undefined) {
    state = {
      server: undefined,
      closed: undefined,
      pending: new Map(),
      nextId: 1,
      closing: false,
      responderDone: false,
      users: 0,
      poke: () => {},
    };
    registry.set(key, state);
  }
  state.users++;
  return state;
}

/** A half is done; the last one closes every connection and waits until the server has closed. */
async function release(key: string, state: Shared): Promise<void> {
  if (--state.users > 0) return;
  registry.delete(key);
  for (const id of [...state.pending.keys()]) answerFailure(state, id, 503, 'The server stopped.');
  const server = state.server;
  if (server === undefined || state.closed === undefined) return;
  server.close();
  server.closeAllConnections();
  await state.closed;
}

function answerFailure(state: Shared, id: number, status: number, text: string): void {
  const entry = state.pending.get(id);
  if (entry === undefined) return;
  state.pending.delete(id);
  if (entry.timer !== undefined) clearTimeout(entry.timer);
  write(entry.res, status, { 'content-type': 'text/plain; charset=utf-8' }, text, true);
}

function write(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number | readonly string[]>,
  body: string | Uint8Array | undefined,
  close: boolean,
): void {
  if (res.headersSent || res.destroyed) return;
  const all: Record<string, string | number | readonly string[]> = { ...headers };
  const has = (name: string) => Object.keys(all).some((key) => key.toLowerCase() === name);
  if (body !== undefined && !has('content-type'))
    all['content-type'] =
      typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
  if (close) all.connection = 'close';
  res.writeHead(status, all as Record<string, string | number | string[]>);
  res.end(body);
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/**
 * Part of HttpServer: listens, and sends each request on.
 *
 * @public A component's export name is its identity in other threads and processes: a unit
 * that runs HttpServer imports its parts from this module by name.
 */
export const HttpListener = defineComponent({
  name: 'HttpListener',
  description:
    'Part of HttpServer: listens for HTTP requests and sends each on as a message with an id.',
  outboxes: {
    requests: box(request, 'Each request, with its body read.'),
    address: box(address, 'Where the server listens, once it does.', { optional: true }),
  },
  params: z.object({
    key: z.string().describe('Ties this listener to its responder.'),
    ...serverParams,
  }),
  async body({ outbox, params, signal, name, self }) {
    const who = { name, type: self.definition.name };
    const state = shared(params.key);
    const queue: HttpRequest[] = [];
    let wake: (() => void) | undefined;
    const poke = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const refuse = (res: ServerResponse, status: number, text: string) =>
      write(res, status, { 'content-type': 'text/plain; charset=utf-8' }, text, true);

    const server = createServer((req, res) => {
      req.on('error', ignore);
      res.on('error', ignore);
      if (state.closing || state.responderDone) {
        req.resume();
        refuse(res, 503, 'The server is stopping.');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (data: Buffer) => {
        size += data.length;
        if (size > params.maxBodyBytes) tooLarge = true;
        else chunks.push(data);
      });
      req.on('end', () => {
        if (tooLarge) {
          refuse(res, 413, `The request body is larger than ${params.maxBodyBytes} bytes.`);
          return;
        }
        if (state.closing || state.responderDone) {
          refuse(res, 503, 'The server is stopping.');
          return;
        }
        if (queue.length >= params.maxWaiting) {
          refuse(res, 503, 'The server is busy; try again later.');
          return;
        }
        const id = state.nextId++;
        const data = Buffer.concat(chunks);
        const timer =
          params.timeout > 0
            ? setTimeout(
                () => answerFailure(state, id, 504, 'No response in time.'),
                params.timeout,
              )
            : undefined;
        state.pending.set(id, { res, timer });
        // A client that goes away forgets its request; a late response is then dropped.
        res.on('close', () => {
          const entry = state.pending.get(id);
          if (entry?.res !== res) return;
          state.pending.delete(id);
          if (entry.timer !== undefined) clearTimeout(entry.timer);
        });
        queue.push({
          id,
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: flatten(req.headers),
          body: params.binary ? ownBytes(data) : data.toString('utf8'),
        });
        poke();
      });
    });
    state.server = server;
    state.poke = poke;
    signal.addEventListener('abort', poke);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(params.port, params.host, () => {
          state.closed = new Promise((closed) => server.once('close', () => closed()));
          server.off('error', reject);
          server.on('error', ignore);
          resolve();
        });
      }).catch((error: unknown) => {
        throw Errors.listen(who, hostPort(params.host, params.port), params.host, error);
      });
      const bound = server.address() as AddressInfo;
      await outbox.address.send({
        host: bound.address,
        port: bound.port,
        url: `http://${hostPort(bound.address, bound.port)}`,
      });
      // Until stopped, or until the responder has finished (nothing could answer any more).
      while (!signal.aborted && !state.responderDone) {
        while (queue.length > 0 && !signal.aborted) {
          const next = queue.shift()!;
          // It may have timed out, or its client gone, while it waited.
          if (state.pending.has(next.id)) await outbox.requests.send(next);
        }
        if (signal.aborted || state.responderDone) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      signal.removeEventListener('abort', poke);
      // Accept nothing more; requests not yet sent on are answered 503. Those sent on are still
      // answered by the responder, until it finishes.
      state.closing = true;
      if (server.listening) {
        server.close();
        server.closeIdleConnections();
      }
      for (const item of queue) answerFailure(state, item.id, 503, 'The server is stopping.');
      queue.length = 0;
      await release(params.key, state);
    }
  },
});

/**
 * Part of HttpServer: writes each response to the request it answers.
 *
 * @public A component's export name is its identity in other threads and processes: a unit
 * that runs HttpServer imports its parts from this module by name.
 */
export const HttpResponder = defineComponent({
  name: 'HttpResponder',
  description:
    'Part of HttpServer: writes each response to the request with the same id; when it ends, requests still unanswered get 503.',
  inboxes: { responses: box(response, 'Responses, each with the id of its request.') },
  params: z.object({ key: z.string().describe('Ties this responder to its listener.') }),
  async body({ inbox, params, name, self }) {
    const who = { name, type: self.definition.name };
    const state = shared(params.key);
    try {
      for await (const r of inbox.responses) {
        const entry = state.pending.get(r.id);
        if (entry === undefined) {
          // Answered already (timed out, or the client left): drop it. Never issued: a bug.
          if (r.id >= 1 && r.id < state.nextId) continue;
          throw Errors.unknownResponse(who, r.id);
        }
        state.pending.delete(r.id);
        if (entry.timer !== undefined) clearTimeout(entry.timer);
        write(entry.res, r.status ?? 200, r.headers ?? {}, r.body, state.closing);
      }
    } finally {
      state.responderDone = true;
      state.poke();
      for (const id of [...state.pending.keys()])
        answerFailure(state, id, 503, 'The server stopped before answering.');
      await release(params.key, state);
    }
  },
});

let servers = 0;

/**
 * An HTTP server whose requests are messages: each request goes out on `requests`, and its
 * response comes back on `responses`, matched by id.
 *
 * Once its graph runs, the server listens on `host:port` (announced on `address`, with the URL).
 * Each request is read whole (bodies above `maxBodyBytes` are answered 413) and sent on as
 * `{ id, method, url, headers, body }`, the body as text or, with `binary: true`, as bytes.
 * Whatever handles it sends `{ id, status, headers, body }` to `responses`; responses may come
 * in any order. A request with no response within `timeout` is answered 504, and a response
 * that comes later is dropped; a response whose id was never issued fails the server
 * (`ERR_HTTP_UNKNOWN_RESPONSE`). When the requests link is full, requests wait (up to
 * `maxWaiting`, then 503). A graceful stop stops accepting (new requests get 503 and
 * connections close), ends `requests`, and still answers every request already sent on as
 * the handler responds. When `responses` ends, requests still unanswered get 503 and the server
 * stops listening and ends. A hard stop
 * answers every pending request 503 and closes every connection. It is a composite of
 * `listen` (HttpListener) and `respond` (HttpResponder), which always run side by side.
 *
 * @example
 * ```ts
 * import { collectInto, HttpClient, type HttpRequest, HttpServer, map, Take } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * // A server on a free port that answers one request, and a client that asks it.
 * const g = graph('web');
 * const server = g.add('server', HttpServer);
 * const one = g.add('one', Take, { params: { count: 1 } });
 * const hello = g.add('hello', map((req: HttpRequest) => ({ id: req.id, body: `hello from ${req.url}` })));
 * g.link(server.outbox('requests'), one.inbox('in'));
 * g.link(one.outbox('out'), hello.inbox('in'));
 * g.link(hello.outbox('out'), server.inbox('responses'));
 * const ask = g.add('ask', map((at: { url: string }) => `${at.url}/docs`));
 * const client = g.add('client', HttpClient);
 * g.link(server.outbox('address'), ask.inbox('in'));
 * g.link(ask.outbox('out'), client.inbox('in'));
 * const got: { status: number; body: unknown }[] = [];
 * g.link(client.outbox('out'), g.add('keep', collectInto(got)).inbox('in'));
 * await g.run(); // the server ends once its responses have
 * const answers = got.map((r) => [r.status, r.body]);
 * // answers: [[200, 'hello from /docs']]
 * ```
 */
export const HttpServer = defineGraph({
  name: 'HttpServer',
  description:
    'An HTTP server: sends each request on as a message and writes the response that comes back with the same id.',
  inboxes: {
    responses: box(response, 'Responses { id, status, headers, body }, matched to requests by id.'),
  },
  outboxes: {
    requests: box(request, 'Each request { id, method, url, headers, body }, read whole.'),
    address: box(address, 'Where the server listens { host, port, url }, once it does.', {
      optional: true,
    }),
  },
  params: z.object(serverParams),
  build(graph, params) {
    const key = `${process.pid}:${++servers}:${Math.random().toString(36).slice(2)}`;
    const listen = graph.add('listen', HttpListener, { params: { key, ...params } });
    const respond = graph.add('respond', HttpResponder, { params: { key } });
    graph.link(listen.outbox('requests'), graph.outbox('requests'));
    graph.link(listen.outbox('address'), graph.outbox('address'));
    graph.link(graph.inbox('responses'), respond.inbox('responses'));
  },
});

function ignore(): void {}
