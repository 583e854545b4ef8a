import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { collectInto } from '@plexus/components';
import { type Graph, runComponent } from '@plexus/core';
import { liveWorkers } from '@plexus/worker';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { CountWords, httpService, ReadWords } from '../http.ts';

const root = resolve(__dirname, '../../..');
const children: ChildProcess[] = [];
const graphs: Graph[] = [];
afterEach(async () => {
  // A failed test leaves its service running: stop it hard.
  for (const g of graphs.splice(0)) await g.stop();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((done) => child.once('exit', done));
    }
  }
  expect(liveWorkers()).toBe(0);
});

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

const post = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
});

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json';

/** The requests the tests make, the words ones all at once, and what each is answered. */
async function exercise(url: string): Promise<Answer[]> {
  const words = Array.from({ length: 8 }, (_, i) =>
    call(`${url}/words`, post(JSON.stringify({ text: `req${i + 1} ${'x '.repeat(i + 2)}` }))),
  );
  const others = [
    call(`${url}/hello?name=ada`),
    call(`${url}/hello`),
    call(`${url}/words`, post('{"text": "The cat and the hat. The end!", "top": 2}')),
    call(`${url}/nope`),
    call(`${url}/words`),
    call(`${url}/words`, post('not json')),
    call(`${url}/words`, post('{"text": 5}')),
  ];
  return Promise.all([...words, ...others]);
}

const EXPECTED: Answer[] = [
  ...Array.from({ length: 8 }, (_, i) => ({
    status: 200,
    type: JSON_TYPE,
    body: `${JSON.stringify({
      words: i + 3,
      distinct: 2,
      top: [
        { word: 'x', count: i + 2 },
        { word: `req${i + 1}`, count: 1 },
      ],
    })}\n`,
  })),
  { status: 200, type: TEXT, body: 'hello, ada\n' },
  { status: 200, type: TEXT, body: 'hello, world\n' },
  {
    status: 200,
    type: JSON_TYPE,
    body: '{"words":7,"distinct":5,"top":[{"word":"the","count":3},{"word":"and","count":1}]}\n',
  },
  { status: 404, type: TEXT, body: 'no such endpoint: GET /nope\n' },
  { status: 405, type: JSON_TYPE, body: '{"error":"use POST"}\n' },
  { status: 400, type: JSON_TYPE, body: '{"error":"the body is not JSON"}\n' },
  {
    status: 400,
    type: JSON_TYPE,
    body: '{"error":"expected { \\"text\\": string, \\"top\\"?: integer 1..100 }"}\n',
  },
];

describe('the handler components', () => {
  test('ReadWords: POST bodies become jobs; other methods get 405, bad bodies 400', async () => {
    const request = { url: '/words', headers: {} };
    const { out, rejected } = await runComponent(ReadWords, {
      in: [
        { ...request, id: 1, method: 'POST', body: '{"text":"a b","top":1}' },
        { ...request, id: 2, method: 'GET', body: '' },
        { ...request, id: 3, method: 'POST', body: '{' },
        { ...request, id: 4, method: 'POST', body: '{"text":"c"}' },
      ],
    });
    expect(out).toEqual([
      { id: 1, text: 'a b', top: 1 },
      { id: 4, text: 'c', top: 3 },
    ]);
    expect((rejected as { id: number; status: number }[]).map((r) => [r.id, r.status])).toEqual([
      [2, 405],
      [3, 400],
    ]);
  });

  test('CountWords: counts words, most frequent first, ties alphabetical', async () => {
    const { out } = await runComponent(CountWords, {
      in: [{ id: 7, text: "Don't stop; don't STOP — go, go, go!", top: 3 }],
    });
    expect(out).toEqual([
      {
        id: 7,
        words: 7,
        distinct: 3,
        top: [
          { word: 'go', count: 3 },
          { word: "don't", count: 2 },
          { word: 'stop', count: 2 },
        ],
      },
    ]);
  });
});

describe('the service', () => {
  const answers: Record<string, Answer[]> = {};

  test.each(['inline', 'worker'] as const)(
    'count on %s: concurrent requests, a 404, a 405 and 400s, each answered; a graceful stop ends it',
    async (count) => {
      const g = httpService({ count });
      graphs.push(g);
      const address: { url: string }[] = [];
      g.link('server.address', g.add('where', collectInto(address)).inbox('in'));
      const running = g.run();
      running.catch(() => {});
      while (address.length === 0) await new Promise((done) => setTimeout(done, 10));
      const url = address[0]!.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      answers[count] = await exercise(url);
      expect(answers[count]).toEqual(EXPECTED);
      // The counting stage ran where it was placed, and saw every POST with a good body.
      const stats = g.stats();
      expect(stats.components.find((c) => c.name === 'count')?.backend).toBe(count);
      expect(stats.links.find((l) => l.to === 'count.in')?.delivered).toBe(9);
      expect(liveWorkers()).toBe(count === 'worker' ? 1 : 0);

      await g.stop({ graceful: true });
      await expect(running).resolves.toEqual({ status: 'stopped' });
      await expect(fetch(`${url}/hello`)).rejects.toThrow();
      expect(liveWorkers()).toBe(0);
    },
  );

  test('inline and worker placements answer the same', () => {
    expect(answers.worker).toEqual(answers.inline);
  });

  test('main.ts --count worker: prints where it listens, answers, and Ctrl-C stops it', async () => {
    const child = spawn(
      process.execPath,
      [
        ...plexusNodeArgs('./scripts/register-ts.mjs'),
        'examples/http/main.ts',
        '--count',
        'worker',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const start = Date.now();
    let url: string | undefined;
    while (url === undefined && Date.now() - start < 10_000 && child.exitCode === null) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      await new Promise((done) => setTimeout(done, 20));
    }
    expect(stderr).toBe('');
    expect(url).toBeDefined();
    expect(await exercise(url!)).toEqual(EXPECTED);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      `http: listening on ${url} (try: curl ${url}/hello?name=ada)\nhttp: stopped\n`,
    );
  });
});
