/**
 * A small HTTP service whose handler is a graph. `HttpServer` (from @plexus/components) sends
 * each request on as a message `{ id, method, url, headers, body }`; a chooser routes it by
 * path to a small handler; every handler answers `{ id, status, headers, body }`, and a merge
 * sends all the answers back to the server, which matches them to their requests by id.
 *
 * ```
 *                      ┌─hello──> Hello ───────────────────────────────┐
 * server ──> route ────┼─words──> ReadWords ──> count ──> WordsReply ──┤
 *   ^                  │               └──rejected─────────────────────┤
 *   │                  └─unknown─> NotFound ───────────────────────────┤
 *   └─────────────────────────────────────────────────── reply (merge) ┘
 * ```
 *
 * `count` (`CountWords`) is the CPU-bound stage: it can run on a worker thread
 * (`backend: 'worker'`) without any change to its code, and the responses are the same.
 */
import {
  chooser,
  type HttpRequest,
  type HttpResponse,
  HttpServer,
  map,
  merge,
} from '@plexus/components';
import { box, defineComponent, type Graph, graph, type Placement, z } from '@plexus/core';

/** A request as the server sends it on (a schema for the boxes; HttpServer checks the shape). */
const Request = z.custom<HttpRequest>();
/** A response as the server takes it back. */
const Response = z.custom<HttpResponse>();

/** The path of a request's URL, without its query. */
function pathOf(request: HttpRequest): string {
  return new URL(request.url, 'http://service').pathname;
}

/** Routes each request by its path: `/hello`, `/words`, or anything else. */
export const Route = chooser(
  {
    hello: (request: HttpRequest) => pathOf(request) === '/hello',
    words: (request: HttpRequest) => pathOf(request) === '/words',
  },
  {
    name: 'Route',
    description: 'Routes each request by path: /hello, /words, or unknown.',
    otherwise: 'unknown',
    schema: Request,
  },
);

/** `GET /hello?name=ada` — a greeting, as text. */
export const Hello = map(
  (request: HttpRequest): HttpResponse => {
    const name = new URL(request.url, 'http://service').searchParams.get('name') ?? 'world';
    return { id: request.id, body: `hello, ${name}\n` };
  },
  { name: 'Hello', description: 'Answers GET /hello?name=… with a greeting.', in: Request },
);

/** Any other path: 404. */
export const NotFound = map(
  (request: HttpRequest): HttpResponse => ({
    id: request.id,
    status: 404,
    body: `no such endpoint: ${request.method} ${pathOf(request)}\n`,
  }),
  { name: 'NotFound', description: 'Answers requests for unknown paths with 404.', in: Request },
);

/** What `POST /words` takes: a JSON body. */
export const WordsBody = z.object({
  text: z.string(),
  top: z.number().int().min(1).max(100).default(3),
});

/** A word-count job: the request's id and its parsed body. */
export const WordsJob = z.object({ id: z.number().int(), text: z.string(), top: z.number().int() });
export type WordsJob = z.infer<typeof WordsJob>;

/** What counting a text comes to. */
export const WordsResult = z.object({
  id: z.number().int(),
  words: z.number().int(),
  distinct: z.number().int(),
  top: z.array(z.object({ word: z.string(), count: z.number().int() })),
});
export type WordsResult = z.infer<typeof WordsResult>;

function json(id: number, status: number, value: unknown): HttpResponse {
  return {
    id,
    status,
    headers: { 'content-type': 'application/json' },
    body: `${JSON.stringify(value)}\n`,
  };
}

/**
 * Reads `POST /words` requests: a JSON body `{ text, top? }` becomes a job; another method is
 * answered 405, and a body that is not JSON, or not of that shape, 400 — those answers go
 * straight to `rejected`.
 */
export const ReadWords = defineComponent({
  name: 'ReadWords',
  description:
    'Parses POST /words bodies ({ text, top? }) into jobs; answers other methods 405 and bad bodies 400.',
  inboxes: { in: box(Request, 'Requests for /words.') },
  outboxes: {
    out: box(WordsJob, 'Jobs for the counter.'),
    rejected: box(Response, 'Answers to requests that cannot be counted (405, 400).'),
  },
  async body({ inbox, outbox }) {
    for await (const request of inbox.in) {
      if (request.method !== 'POST') {
        await outbox.rejected.send({
          ...json(request.id, 405, { error: 'use POST' }),
          headers: { 'content-type': 'application/json', allow: 'POST' },
        });
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(typeof request.body === 'string' ? request.body : '');
      } catch {
        await outbox.rejected.send(json(request.id, 400, { error: 'the body is not JSON' }));
        continue;
      }
      const body = WordsBody.safeParse(parsed);
      if (!body.success) {
        const error = 'expected { "text": string, "top"?: integer 1..100 }';
        await outbox.rejected.send(json(request.id, 400, { error }));
        continue;
      }
      await outbox.out.send({ id: request.id, ...body.data });
    }
  },
});

/**
 * Counts the words of each job and finds the most frequent (ties in alphabetical order). The
 * CPU-bound stage: place it on a worker and the main thread keeps serving.
 */
export const CountWords = defineComponent({
  name: 'CountWords',
  description: 'Counts the words of each text and finds the most frequent.',
  inboxes: { in: box(WordsJob, 'Texts to count.') },
  outboxes: { out: box(WordsResult, 'Their counts.') },
  async body({ inbox, outbox }) {
    for await (const job of inbox.in) {
      const counts = new Map<string, number>();
      let words = 0;
      for (const word of job.text.toLowerCase().split(/[^\p{L}\p{N}']+/u)) {
        const bare = word.replace(/^'+|'+$/g, '');
        if (bare === '') continue;
        words++;
        counts.set(bare, (counts.get(bare) ?? 0) + 1);
      }
      const top = [...counts]
        .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, job.top)
        .map(([word, count]) => ({ word, count }));
      await outbox.out.send({ id: job.id, words, distinct: counts.size, top });
    }
  },
});

/** A count as a JSON response. */
export const WordsReply = map(
  ({ id, ...result }: WordsResult): HttpResponse => json(id, 200, result),
  { name: 'WordsReply', description: 'Formats a count as a JSON response.', in: WordsResult },
);

/** All the handlers' answers, back to the server. */
export const Reply = merge(['hello', 'words', 'rejected', 'unknown'], {
  name: 'Reply',
  description: "Merges the handlers' responses for the server.",
  schema: Response,
});

/** Options of {@link httpService}. */
export interface HttpServiceOptions {
  /** Port to listen on; 0 (the default) picks a free one, announced on `server.address`. */
  readonly port?: number;
  readonly host?: string;
  /** Where the counting stage runs: `inline` (the default) or `worker`. */
  readonly count?: Placement['backend'];
}

/**
 * The service: `server` (HttpServer), `route` (Route), the handlers `hello`, `words`, `count`,
 * `format` and `unknown`, and `reply` (Reply) back to the server. It runs until stopped; a
 * graceful stop stops accepting and still answers every request in flight. Where the server
 * listens comes out of `server.address` (left unlinked, it is dropped).
 */
export function httpService(options: HttpServiceOptions = {}): Graph {
  const g = graph('http');
  const server = g.add('server', HttpServer, {
    params: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
  });
  const route = g.add('route', Route);
  const hello = g.add('hello', Hello);
  const words = g.add('words', ReadWords);
  const count = g.add('count', CountWords, { backend: options.count ?? 'inline' });
  const format = g.add('format', WordsReply);
  const unknown = g.add('unknown', NotFound);
  const reply = g.add('reply', Reply);
  g.link(server.outbox('requests'), route.inbox('in'));
  g.link(route.outbox('hello'), hello.inbox('in'));
  g.link(route.outbox('words'), words.inbox('in'));
  g.link(route.outbox('unknown'), unknown.inbox('in'));
  g.pipeline(words, count, format);
  g.link(hello.outbox('out'), reply.inbox('hello'));
  g.link(format.outbox('out'), reply.inbox('words'));
  g.link(words.outbox('rejected'), reply.inbox('rejected'));
  g.link(unknown.outbox('out'), reply.inbox('unknown'));
  g.link(reply.outbox('out'), server.inbox('responses'));
  return g;
}

/** Says where the service listens (main.ts prints it). */
export const Announce = map(
  ({ url }: { url: string }) => `http: listening on ${url} (try: curl ${url}/hello?name=ada)`,
  { name: 'Announce', description: 'Says where the service listens.', out: z.string() },
);
