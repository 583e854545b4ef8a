/**
 * HttpClient: requests in, responses out, with global fetch; several requests in flight at
 * once, responses always in the order of the requests.
 */
import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { bytes } from './streams.ts';

const id = z
  .union([z.string(), z.number()])
  .optional()
  .describe('Anything to match the response to its request; copied to the response.');

const request = z.object({
  id,
  url: z.string().describe('Absolute, or relative to the baseUrl param.'),
  method: z.string().optional().describe('Default GET, or POST when there is a body.'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.union([z.string(), bytes]).optional(),
});

/**
 * A request HttpClient accepts (a bare URL string is accepted too).
 *
 * The URL (absolute, or relative to `baseUrl`), method (GET, or POST with a body), headers and
 * body; `id` is copied to the response so it can be matched to its request.
 *
 * @example
 * ```ts
 * import type { HttpClientRequest } from '@plexus/components';
 *
 * export const order: HttpClientRequest = {
 *   id: 42,
 *   url: '/orders',
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ item: 'tea' }),
 * };
 * ```
 */
export type HttpClientRequest = z.input<typeof request>;

const response = z.object({
  id,
  url: z.string().describe('The URL requested (after baseUrl).'),
  method: z.string(),
  status: z.number().int(),
  statusText: z.string(),
  headers: z.record(z.string(), z.string()).describe('Lower-cased names.'),
  body: z.any().describe('Text, bytes (Uint8Array) or a parsed JSON value, as responseType says.'),
});

/**
 * A response as HttpClient sends it.
 *
 * The request's id, URL and method, the status, lower-cased headers, and the body as text,
 * bytes or parsed JSON, as the `responseType` param says.
 *
 * @example
 * ```ts
 * import type { HttpClientResponse } from '@plexus/components';
 *
 * export const ok = (r: HttpClientResponse) => r.status >= 200 && r.status < 300;
 * ```
 */
export type HttpClientResponse = z.output<typeof response>;

const failure = z.object({
  id,
  url: z.string(),
  method: z.string(),
  error: z.string().describe('What went wrong, e.g. "fetch failed: connect ECONNREFUSED …".'),
  code: z.string().optional().describe('The error code, when there is one (e.g. ECONNREFUSED).'),
});

/**
 * A failed request as HttpClient reports it with failOnError: false.
 *
 * Sent on its `errors` outbox, in request order with the responses: the request's id, URL and
 * method, what went wrong, and the system error code when there is one.
 *
 * @example
 * ```ts
 * import type { HttpClientError } from '@plexus/components';
 *
 * export const retryable = (e: HttpClientError) => e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET';
 * ```
 */
export type HttpClientError = z.output<typeof failure>;

type Outcome =
  | { readonly ok: HttpClientResponse }
  | {
      readonly error: unknown;
      readonly url: string;
      readonly method: string;
      readonly id: string | number | undefined;
    };

interface Flight {
  readonly outcome: Promise<Outcome>;
  done: boolean;
}

/**
 * An HTTP client: each request that arrives on `in` is made with `fetch`, and its response is
 * sent on `out`.
 *
 * A request is a URL string or `{ id, url, method, headers, body }`; the response is
 * `{ id, url, method, status, statusText, headers, body }`, its body read whole as text, bytes
 * or parsed JSON (`responseType`). Up to `concurrency` requests are in flight at once, and
 * responses always leave in the order their requests arrived. Every HTTP status is a
 * response — a 404 or a 500 is not an error. A request that gets no response at all (refused
 * connection, DNS failure, `timeout` exceeded, an invalid URL, a body that is not the JSON
 * asked for) fails the component with `ERR_HTTP_REQUEST` by default; with `failOnError: false`
 * it is reported on the `errors` outbox, in order with the responses, and the client carries on.
 * When `in` ends and every response is out, the component ends; stopping it aborts the
 * requests in flight.
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
export const HttpClient = defineComponent({
  name: 'HttpClient',
  description:
    'Makes each HTTP request it receives (with fetch) and sends on the responses, in the order of the requests.',
  inboxes: {
    in: box(
      z.union([z.string(), request]),
      'Requests: a URL, or { id, url, method, headers, body }.',
    ),
  },
  outboxes: {
    out: box(
      response,
      'Responses { id, url, method, status, statusText, headers, body }, in request order.',
    ),
    errors: box(
      failure,
      'Requests that got no response { id, url, method, error, code }, with failOnError: false.',
      { optional: true },
    ),
  },
  params: z.object({
    concurrency: z
      .number()
      .int()
      .min(1)
      .default(4)
      .describe('Requests in flight at once; responses still leave in request order.'),
    responseType: z
      .enum(['text', 'bytes', 'json'])
      .default('text')
      .describe("How response bodies are read: 'text', 'bytes' (Uint8Array) or 'json' (parsed)."),
    timeout: z
      .number()
      .min(0)
      .default(30_000)
      .describe('Milliseconds a request may take, body included; 0 for no limit.'),
    failOnError: z
      .boolean()
      .default(true)
      .describe(
        'A request that gets no response fails the component (true) or goes to errors (false).',
      ),
    baseUrl: z.string().optional().describe('Relative request URLs are resolved against it.'),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .describe('Headers sent with every request (a request’s own headers win).'),
  }),
  async body({ inbox, outbox, params, signal, name, self }) {
    const who = { name, type: self.definition.name };
    const input = inbox.in;
    const flights: Flight[] = [];
    let open = true;
    let waiting: Promise<void> | undefined;
    // Aborts what is still in flight when the body ends for any reason (a failure included).
    const local = new AbortController();
    const aborted = AbortSignal.any([signal, local.signal]);

    const start = (message: string | HttpClientRequest): Flight => {
      const flight: Flight = { outcome: perform(message), done: false };
      void flight.outcome.then(() => {
        flight.done = true;
      });
      return flight;
    };

    const perform = async (message: string | HttpClientRequest): Promise<Outcome> => {
      const req = typeof message === 'string' ? { url: message } : message;
      const method = (req.method ?? (req.body === undefined ? 'GET' : 'POST')).toUpperCase();
      let url = req.url;
      try {
        url = new URL(req.url, params.baseUrl).href;
        const timeout = params.timeout > 0 ? AbortSignal.timeout(params.timeout) : undefined;
        const res = await fetch(url, {
          method,
          headers: { ...params.headers, ...req.headers },
          ...(req.body === undefined ? {} : { body: req.body as string | Uint8Array<ArrayBuffer> }),
          signal: timeout === undefined ? aborted : AbortSignal.any([aborted, timeout]),
        });
        const body =
          params.responseType === 'json'
            ? await res.json()
            : params.responseType === 'bytes'
              ? new Uint8Array(await res.arrayBuffer())
              : await res.text();
        const headers: Record<string, string> = {};
        res.headers.forEach((value, key) => {
          headers[key] = value;
        });
        return {
          ok: {
            ...(req.id === undefined ? {} : { id: req.id }),
            url,
            method,
            status: res.status,
            statusText: res.statusText,
            headers,
            body,
          },
        };
      } catch (error) {
        return { error, url, method, id: req.id };
      }
    };

    const emit = async (flight: Flight): Promise<void> => {
      const outcome = await flight.outcome;
      if ('ok' in outcome) {
        await outbox.out.send(outcome.ok);
        return;
      }
      if (signal.aborted) throw signal.reason;
      const error = Errors.httpRequest(who, outcome.method, outcome.url, outcome.error);
      if (params.failOnError) throw error;
      const cause = (outcome.error as { cause?: { code?: unknown } } | null)?.cause;
      const code = (outcome.error as { code?: unknown } | null)?.code ?? cause?.code;
      await outbox.errors.send({
        ...(outcome.id === undefined ? {} : { id: outcome.id }),
        url: outcome.url,
        method: outcome.method,
        error: error.detail,
        ...(typeof code === 'string' ? { code } : {}),
      });
    };

    try {
      while (open || flights.length > 0) {
        while (
          open &&
          waiting === undefined &&
          flights.length < params.concurrency &&
          input.dataReady()
        )
          flights.push(start(input.recv()));
        if (flights.length > 0 && flights[0]!.done) {
          await emit(flights.shift()!);
          continue;
        }
        // Wait for the oldest request to finish, or (with room for more) for the next request.
        const races: Promise<unknown>[] = [];
        if (flights.length > 0) races.push(flights[0]!.outcome);
        if (open && flights.length < params.concurrency) {
          if (waiting === undefined) {
            waiting = input.wait().then((more) => {
              waiting = undefined;
              if (!more) open = false;
            });
            waiting.catch(() => {}); // a stop rejects it; the race (or the next send) reports that
          }
          races.push(waiting);
        }
        await Promise.race(races);
      }
    } finally {
      local.abort();
    }
  },
});
