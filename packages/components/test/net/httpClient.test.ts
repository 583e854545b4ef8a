import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, test } from '@jest/globals';
import { HttpClient, type HttpClientResponse, HttpServer } from '@plexus/components';
import { box, defineComponent, graph, z } from '@plexus/core';
import { collector, failure, feed, until } from './helpers.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A raw HTTP server for one test; resolves with its base URL. */
async function rawServer(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
) {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => {
      body += s;
    });
    req.on('end', () => handle(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Run requests through an HttpClient; resolve with what each outbox got. */
async function fetchAll(requests: unknown[], params: Record<string, unknown> = {}) {
  const g = graph('client');
  const out: HttpClientResponse[] = [];
  const errors: unknown[] = [];
  const client = g.add('http', HttpClient, { params });
  g.link(g.add('requests', feed(requests)).outbox('out'), client.inbox('in'));
  g.link(client.outbox('out'), g.add('out', collector(out)).inbox('in'));
  g.link(client.outbox('errors'), g.add('errors', collector(errors)).inbox('in'));
  const result = await g.run();
  return { result, out, errors };
}

describe('HttpClient', () => {
  test('makes each request and sends the responses in request order, at most `concurrency` at once', async () => {
    let inFlight = 0;
    let most = 0;
    const url = await rawServer((req, res, body) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const delay = Number(new URL(req.url!, 'http://x').searchParams.get('ms') ?? 0);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'x-method': req.method!, 'content-type': 'text/plain' });
        res.end(`${req.method} ${req.url} ${req.headers['x-token'] ?? ''} ${body}`);
      }, delay);
    });
    const requests = [
      `${url}/a?ms=150`,
      { id: 'b', url: `${url}/b?ms=10`, headers: { 'x-token': 't' } },
      { id: 3, url: '/c?ms=60', body: 'posted' },
      { url: '/d', method: 'put', body: new TextEncoder().encode('bytes') },
      `${url}/e`,
    ];
    const { result, out, errors } = await fetchAll(requests, { concurrency: 3, baseUrl: url });
    expect(result).toEqual({ status: 'completed' });
    expect(errors).toEqual([]);
    expect(out.map((r) => r.body)).toEqual([
      'GET /a?ms=150  ',
      'GET /b?ms=10 t ',
      'POST /c?ms=60  posted',
      'PUT /d  bytes',
      'GET /e  ',
    ]);
    expect(out.map((r) => r.id)).toEqual([undefined, 'b', 3, undefined, undefined]);
    expect(out[1]).toMatchObject({
      url: `${url}/b?ms=10`,
      method: 'GET',
      status: 200,
      statusText: 'OK',
    });
    expect(out[3]!.headers['x-method']).toBe('PUT');
    expect(most).toBe(3);
  });

  test('every HTTP status is a response; bodies as bytes or parsed JSON', async () => {
    const url = await rawServer((req, res) => {
      if (req.url === '/missing') {
        res.writeHead(404);
        res.end('no such thing');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url, n: [1, 2] }));
      }
    });
    const text = await fetchAll([`${url}/missing`]);
    expect(text.out[0]).toMatchObject({ status: 404, body: 'no such thing' });
    const json = await fetchAll([`${url}/j`], { responseType: 'json' });
    expect(json.out[0]!.body).toEqual({ path: '/j', n: [1, 2] });
    const raw = await fetchAll([`${url}/j`], { responseType: 'bytes' });
    expect(raw.out[0]!.body).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(Buffer.from(raw.out[0]!.body).toString())).toEqual({ path: '/j', n: [1, 2] });
  });

  test('a request that gets no response fails the run with ERR_HTTP_REQUEST by default', async () => {
    const dead = await rawServer(() => {});
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const error = await failure(fetchAll([`${dead}/x`]));
    expect(error).toMatchObject({ code: 'ERR_COMPONENT_FAILED', component: 'http' });
    expect(error.cause?.code).toBe('ERR_HTTP_REQUEST');
    expect(error.message).toContain(`could not GET ${dead}/x`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  test('with failOnError: false, failures go to errors in order and the client carries on', async () => {
    const url = await rawServer((req, res) => {
      if (req.url === '/slow') return; // never answers: the timeout ends it
      res.end(req.url);
    });
    const { result, out, errors } = await fetchAll(
      [`${url}/1`, 'not a url', { id: 'slow', url: `${url}/slow` }, `${url}/2`, '/bad-json'],
      { failOnError: false, timeout: 1000 },
    );
    expect(result).toEqual({ status: 'completed' });
    expect(out.map((r) => r.body)).toEqual(['/1', '/2']);
    expect(errors).toEqual([
      expect.objectContaining({
        url: 'not a url',
        method: 'GET',
        error: expect.stringContaining('Invalid URL'),
      }),
      expect.objectContaining({
        id: 'slow',
        error: expect.stringContaining('Raise the timeout param'),
      }),
      expect.objectContaining({ url: '/bad-json' }),
    ]);
    const json = await fetchAll([`${url}/not-json`], { failOnError: false, responseType: 'json' });
    expect(json.errors).toEqual([
      expect.objectContaining({ error: expect.stringContaining('JSON') }),
    ]);
  });

  test('a hard stop aborts the requests in flight', async () => {
    let arrived = 0;
    const url = await rawServer(() => {
      arrived++;
    });
    const g = graph();
    const client = g.add('http', HttpClient);
    g.link(g.add('requests', feed([`${url}/a`, `${url}/b`])).outbox('out'), client.inbox('in'));
    g.link(client.outbox('out'), g.add('out', collector([])).inbox('in'));
    const done = g.run();
    await until(() => arrived === 2);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });

  test('talks to an HttpServer: a graph that is its own client', async () => {
    const Answer = defineComponent({
      name: 'Answer',
      description: 'Answers each request with its URL reversed.',
      inboxes: { in: box(z.any(), 'Requests.') },
      outboxes: { out: box(z.any(), 'Responses.') },
      async body({ inbox, outbox }) {
        for await (const r of inbox.in)
          await outbox.out.send({ id: r.id, status: 202, body: [...r.url].reverse().join('') });
      },
    });
    const g = graph('loop');
    const server = g.add('server', HttpServer);
    const answer = g.add('answer', Answer);
    g.link(server.outbox('requests'), answer.inbox('in'));
    g.link(answer.outbox('out'), server.inbox('responses'));
    const addresses: { url: string }[] = [];
    g.link(server.outbox('address'), g.add('addr', collector(addresses)).inbox('in'));
    const done = g.run();
    await until(() => addresses.length > 0);
    const { out } = await fetchAll(['/abc', '/xyz'], { baseUrl: addresses[0]!.url });
    expect(out.map((r) => [r.status, r.body])).toEqual([
      [202, 'cba/'],
      [202, 'zyx/'],
    ]);
    await g.stop({ graceful: true });
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });
});
