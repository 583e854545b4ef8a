import { describe, expect, test } from '@jest/globals';
import { type HttpRequest, type HttpResponse, HttpServer } from '@plexus/components';
import { box, type Definition, defineComponent, graph, z } from '@plexus/core';
import { collector, failure, until } from './helpers.ts';

const requests = z.custom<HttpRequest>();
const responses = z.custom<HttpResponse>();

/** Answers requests in batches of `batch`, each batch in reverse order: ids must match. */
const Reverse = defineComponent({
  name: 'Reverse',
  description: 'Answers each batch of requests in reverse order.',
  inboxes: { in: box(requests, 'Requests.') },
  outboxes: { out: box(responses, 'Responses.') },
  params: z.object({ batch: z.number().default(1) }),
  async body({ inbox, outbox, params }) {
    let held: HttpRequest[] = [];
    const flush = async () => {
      for (const r of held.reverse()) {
        const body = typeof r.body === 'string' ? r.body : `<${r.body.byteLength} bytes>`;
        await outbox.out.send({
          id: r.id,
          status: 201,
          headers: { 'x-seen': r.headers['x-mine'] ?? '-' },
          body: `${r.method} ${r.url} ${body}`,
        });
      }
      held = [];
    };
    for await (const r of inbox.in) {
      held.push(r);
      if (held.length >= params.batch) await flush();
    }
    await flush();
  },
});

/** Answers each request after `ms`. */
const Later = defineComponent({
  name: 'Later',
  description: 'Answers each request after a delay.',
  inboxes: { in: box(requests, 'Requests.') },
  outboxes: { out: box(responses, 'Responses.') },
  params: z.object({ ms: z.number() }),
  async body({ inbox, outbox, params }) {
    for await (const r of inbox.in) {
      await new Promise((resolve) => setTimeout(resolve, params.ms));
      await outbox.out.send({ id: r.id, body: `late ${r.url}` });
    }
  },
});

/** Reads requests and never answers; counts them. */
let ignored = 0;
const Ignore = defineComponent({
  name: 'Ignore',
  description: 'Reads requests and answers none of them.',
  inboxes: { in: box(requests, 'Requests.') },
  outboxes: { out: box(responses, 'Nothing, ever.') },
  async body({ inbox }) {
    for await (const _ of inbox.in) ignored++;
  },
});

/** Answers with an id no request had. */
const Wrong = defineComponent({
  name: 'Wrong',
  description: 'Answers every request with id 999.',
  inboxes: { in: box(requests, 'Requests.') },
  outboxes: { out: box(responses, 'Wrong responses.') },
  async body({ inbox, outbox }) {
    for await (const _ of inbox.in) await outbox.out.send({ id: 999, body: 'who?' });
  },
});

async function serve(
  handler: Definition,
  params: Record<string, unknown> = {},
  handlerParams = {},
) {
  const g = graph('web');
  const addresses: { url: string; port: number }[] = [];
  const http = g.add('http', HttpServer, { params });
  const h = g.add('handler', handler, { params: handlerParams } as never);
  g.link(http.outbox('requests'), h.inbox('in' as never));
  g.link(h.outbox('out' as never) as never, http.inbox('responses'));
  g.link(http.outbox('address'), g.add('addr', collector(addresses)).inbox('in'));
  const done = g.run();
  done.catch(() => {});
  await Promise.race([until(() => addresses.length > 0), done]);
  return { g, done, url: addresses[0]!.url, port: addresses[0]!.port };
}

async function call(url: string, init: RequestInit = {}) {
  try {
    const res = await fetch(url, init);
    return { status: res.status, text: await res.text(), headers: res.headers };
  } catch (error) {
    return { status: 0, text: String((error as Error).cause ?? error), headers: new Headers() };
  }
}

describe('HttpServer', () => {
  test('sends each request on and answers it with the response that has its id, whatever the order', async () => {
    const { g, done, url } = await serve(Reverse, {}, { batch: 4 });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(`${url}/item/${i}?q=${i}`, {
          method: i % 2 === 0 ? 'GET' : 'POST',
          ...(i % 2 === 0 ? {} : { body: `payload ${i}` }),
          headers: { 'x-mine': `h${i}` },
        }),
      ),
    );
    results.forEach((r, i) => {
      expect(r.status).toBe(201);
      expect(r.text).toBe(
        i % 2 === 0 ? `GET /item/${i}?q=${i} ` : `POST /item/${i}?q=${i} payload ${i}`,
      );
      expect(r.headers.get('x-seen')).toBe(`h${i}`);
      expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    });
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect((await call(url)).status).toBe(0);
  });

  test('binary: true sends bodies as bytes; bodies above maxBodyBytes get 413 and are not sent on', async () => {
    const { g, done, url } = await serve(Reverse, { binary: true, maxBodyBytes: 1000 });
    const ok = await call(`${url}/b`, { method: 'PUT', body: new Uint8Array(1000) });
    expect(ok).toMatchObject({ status: 201, text: 'PUT /b <1000 bytes>' });
    const big = await call(`${url}/big`, { method: 'PUT', body: new Uint8Array(1001) });
    expect(big.status).toBe(413);
    expect(big.text).toContain('larger than 1000 bytes');
    await g.stop();
    await done;
  });

  test('requests beyond what the link and maxWaiting hold are answered 503 at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let seen = 0;
    const Gated = defineComponent({
      name: 'Gated',
      description: 'Answers nothing until the gate opens, then answers everything.',
      inboxes: { in: box(requests, 'Requests.') },
      outboxes: { out: box(responses, 'Responses.') },
      async body({ inbox, outbox }) {
        for await (const r of inbox.in) {
          seen++;
          await gate;
          await outbox.out.send({ id: r.id, body: 'ok' });
        }
      },
    });
    const g = graph('busy', { capacity: 1 });
    const addresses: { url: string }[] = [];
    const http = g.add('http', HttpServer, { params: { maxWaiting: 2 } });
    const h = g.add('handler', Gated);
    g.link(http.outbox('requests'), h.inbox('in'));
    g.link(h.outbox('out'), http.inbox('responses'));
    g.link(http.outbox('address'), g.add('addr', collector(addresses)).inbox('in'));
    const done = g.run();
    await until(() => addresses.length > 0);
    const first = call(`${addresses[0]!.url}/0`);
    await until(() => seen === 1);
    const settled: { status: number; text: string }[] = [];
    const rest = Array.from({ length: 9 }, (_, i) =>
      call(`${addresses[0]!.url}/${i + 1}`).then((r) => {
        settled.push(r);
        return r;
      }),
    );
    // One request is with the handler; of the nine others the link holds one, the listener
    // is sending one, and two wait: the other five are refused at once, without the gate.
    await until(() => settled.length === 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    expect(settled[0]!.text).toContain('busy');
    release();
    const all = await Promise.all([first, ...rest]);
    expect(all.filter((r) => r.status === 200)).toHaveLength(5);
    await g.stop();
    await done;
  });

  test('a request with no response within timeout gets 504; a late response is dropped', async () => {
    const { g, done, url } = await serve(Later, { timeout: 100 }, { ms: 400 });
    const r = await call(`${url}/slow`);
    expect(r.status).toBe(504);
    // The handler answers after 400 ms: that answer is dropped without failing the server.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const fast = await serve(Later, { timeout: 5000 }, { ms: 1 });
    expect((await call(`${fast.url}/x`)).text).toBe('late /x');
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    await fast.g.stop();
    await fast.done;
  });

  test('a graceful stop refuses new connections but still answers the requests in flight', async () => {
    const { g, done, url } = await serve(Later, {}, { ms: 300 });
    const inFlight = call(`${url}/a`);
    await until(() => g.stats().links.some((l) => l.to === 'handler.in' && l.delivered > 0));
    const stopping = g.stop({ graceful: true, timeout: 10_000 });
    await until(
      () => g.stats().components.find((c) => c.name === 'http/listen')?.state !== 'running',
    );
    expect((await call(`${url}/b`)).status).toBe(0);
    expect(await inFlight).toMatchObject({ status: 200, text: 'late /a' });
    await stopping;
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('a hard stop answers pending requests 503 and closes every connection', async () => {
    ignored = 0;
    const { g, done, url } = await serve(Ignore);
    const pending = Promise.all([call(`${url}/1`), call(`${url}/2`)]);
    await until(() => ignored === 2);
    await g.stop();
    const answers = await pending;
    expect(answers.map((a) => a.status)).toEqual([503, 503]);
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('when the handler ends, the server stops listening and the graph completes', async () => {
    const Once = defineComponent({
      name: 'Once',
      description: 'Answers the first request, then ends.',
      inboxes: { in: box(requests, 'Requests.') },
      outboxes: { out: box(responses, 'One response.') },
      async body({ inbox, outbox }) {
        for await (const r of inbox.in) {
          await outbox.out.send({ id: r.id, body: 'once' });
          return;
        }
      },
    });
    const { done, url } = await serve(Once);
    expect((await call(`${url}/1`)).text).toBe('once');
    await expect(done).resolves.toEqual({ status: 'completed' });
    expect((await call(`${url}/2`)).status).toBe(0);
  });

  test('a response with an id never issued fails the run with ERR_HTTP_UNKNOWN_RESPONSE', async () => {
    const { done, url } = await serve(Wrong);
    const r = await call(`${url}/x`);
    expect(r.status).toBe(503);
    const error = await failure(done);
    expect(error).toMatchObject({ code: 'ERR_COMPONENT_FAILED', component: 'http/respond' });
    expect(error.cause?.code).toBe('ERR_HTTP_UNKNOWN_RESPONSE');
    expect(error.message).toContain('request 999, which it never sent');
  });

  test('a port already in use fails the run with ERR_LISTEN', async () => {
    const first = await serve(Reverse);
    const second = graph();
    const http = second.add('http', HttpServer, { params: { port: first.port } });
    const h = second.add('h', Reverse);
    second.link(http.outbox('requests'), h.inbox('in'));
    second.link(h.outbox('out'), http.inbox('responses'));
    const error = await failure(second.run());
    expect(error).toMatchObject({ component: 'http/listen' });
    expect(error.cause?.code).toBe('ERR_LISTEN');
    await first.g.stop();
    await first.done;
  });
});
