/**
 * The inspector's server, as a client sees it: the token guards every request, the stream
 * tells a run's layout, counters and states (wherever its components run), taps stay within
 * their bounds, and the stream ends when the run does.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { type Graph, graph, type PlexusError, type TapSample } from '@plexus/core';
import {
  type End,
  type Hello,
  inspector,
  type Layout,
  type TapEvent,
  type Tick,
} from '@plexus/inspector';
import { watchInspector } from '@plexus/inspector/client';
import { collector } from '@plexus/scenarios';
import { Picky, Records, Sluggish } from './fixtures/components.ts';
import { at, read, unwatchAll, watch } from './support.ts';

const graphs: Graph[] = [];
afterEach(() => unwatchAll(graphs.splice(0)));

function records(name: string, placement: { backend?: string } = {}, size = 10): Graph {
  const g = graph(name);
  graphs.push(g);
  g.pipeline(
    g.add('source', Records, { params: { size, ms: 1 }, ...placement }),
    g.add('sink', collector([])),
  );
  return g;
}

describe('the token', () => {
  test('every request without it, or with a wrong one, gets 401', async () => {
    const { url } = await watch(records('guarded'));
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const wrong = 'f'.repeat(48);
    for (const path of ['/', '/app.js', '/app.css', '/events', '/state', '/nowhere']) {
      const missing = await fetch(at(url, path, ''));
      expect([path, missing.status]).toEqual([path, 401]);
      expect(await missing.text()).toMatch(/needs its token/);
      expect([path, (await fetch(at(url, path, wrong))).status]).toEqual([path, 401]);
    }
    const tap = await fetch(at(url, '/tap', wrong), {
      method: 'POST',
      body: JSON.stringify({ client: 'c1', edge: 'x', on: true }),
    });
    expect(tap.status).toBe(401);
  });

  test('with it, the page loads its files with the token, and nothing is cached or referred', async () => {
    const { url, inspector } = await watch(records('open'));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain(`app.js?token=${inspector.token}`);
    const script = await fetch(at(url, '/app.js'));
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1000);
    const bearer = await fetch(at(url, '/state', ''), {
      headers: { authorization: `Bearer ${inspector.token}` },
    });
    expect(bearer.status).toBe(200);
  });

  test('the client says when the token is refused', async () => {
    const { url } = await watch(records('refused'));
    const wrong = url.replace(/token=\w+/, `token=${'0'.repeat(48)}`);
    await expect(read(wrong, () => true)).rejects.toThrow(
      /refused the token; use the whole address it printed/,
    );
  });
});

describe('the stream', () => {
  test('tells the layout, and counters that rise, for components on every backend', async () => {
    const g = graph('placed');
    graphs.push(g);
    g.pipeline(
      g.add('source', Records, { params: { ms: 1 } }),
      g.add('pass', Picky, { params: { at: -1 }, backend: 'worker' }),
      g.add('proc', Picky, { params: { at: -1 }, backend: 'process' }),
      g.add('sink', collector([])),
    );
    const { url } = await watch(g);
    let layout: Layout | undefined;
    const ticks: Tick[] = [];
    await read(url, ({ event, data }) => {
      if (event === 'layout') layout = data as Layout;
      if (event !== 'tick') return false;
      ticks.push(data as Tick);
      const last = data as Tick;
      return (
        layout?.edges.length === 3 &&
        last.links.every((l) => l.sent > 0) &&
        last.components.every((c) => c.state === 'running') &&
        ticks.filter((t) => t.links.some((l) => l.rate > 0)).length >= 2
      );
    });
    expect(layout!.nodes.map((n) => n.key)).toEqual(['source', 'pass', 'proc', 'sink']);
    expect(layout!.edges.map((e) => e.key)).toEqual([
      'source.out->pass.in',
      'pass.out->proc.in',
      'proc.out->sink.in',
    ]);
    expect(layout!.edges[0]!.path).toMatch(/^M[\d.]+,[\d.]+ C/);
    const last = ticks[ticks.length - 1]!;
    const where = Object.fromEntries(last.components.map((c) => [c.name, c.where]));
    expect(where).toEqual({
      source: undefined,
      pass: expect.stringMatching(/^worker thread \d+$/),
      proc: expect.stringMatching(/^process \d+$/),
      sink: undefined,
    });
    const sent = (t: Tick) => t.links.find((l) => l.to === 'sink.in')!.sent;
    expect(sent(last)).toBeGreaterThan(sent(ticks.find((t) => sent(t) > 0)!) - 1);
  });

  test('tells a failure with its component, backend, box and stack, then the end', async () => {
    const g = graph('failing');
    graphs.push(g);
    g.pipeline(
      g.add('source', Records, { params: { count: 10 } }),
      g.add('picky', Picky, { params: { at: 3 }, backend: 'worker' }),
      g.add('sink', collector([])),
    );
    const { url } = await watch(g);
    const events = await read(url, ({ event }) => event === 'end');
    const failure = events.find((e) => e.event === 'failure')!.data as Record<string, string>;
    expect(failure).toMatchObject({
      component: 'picky',
      type: 'Picky',
      backend: 'worker',
      where: expect.stringMatching(/^worker thread \d+$/),
      box: 'in',
      code: 'ERR_COMPONENT_FAILED',
      message: expect.stringContaining('RangeError: record 3 is not welcome here'),
    });
    expect(failure.stack).toMatch(/rejectRecord .*fixtures[\\/]components\.ts:\d+/);
    expect(events[events.length - 1]!.data as End).toMatchObject({ status: 'failed' });
  });
});

test('a run that fails before it starts (no such backend) is told as failed, and the server closes', async () => {
  const g = graph('unplaced');
  graphs.push(g);
  g.pipeline(
    g.add('source', Records, { params: { count: 3 }, backend: 'gpu' as 'worker' }),
    g.add('sink', collector([])),
  );
  // It lingers a little, as for a page that comes to read the end, then closes by itself.
  const made = inspector({ onListening: () => {}, linger: 1000 });
  const run = g.run({ inspect: made }).catch((error: Error) => error);
  const url = await made.ready;
  const events = await read(url, ({ event }) => event === 'end');
  expect(((await run) as PlexusError).code).toBe('ERR_NO_BACKEND');
  expect(events.find((e) => e.event === 'failure')?.data).toMatchObject({
    code: 'ERR_NO_BACKEND',
  });
  expect(events[events.length - 1]!.data as End).toMatchObject({ status: 'failed' });
  let open = true;
  for (let tries = 0; open && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    open = await fetch(url).then(
      () => true,
      () => false,
    );
  }
  expect(open).toBe(false);
});

describe('taps', () => {
  test('a tap never holds or sends more than its bounds: the last few, spaced, cut', async () => {
    const bounds = { last: 3, every: 100, maxChars: 40 };
    const { url } = await watch(records('bounded', {}, 5000), { tap: bounds });
    const stop = new AbortController();
    const samples: TapSample[] = [];
    let opened: TapSample[] | undefined;
    let hello: Hello | undefined;
    let began = 0;
    for await (const { event, data } of watchInspector(url, stop.signal)) {
      if (event === 'hello') hello = data as Hello;
      if (event === 'layout' && began === 0) {
        began = Date.now();
        const answer = await fetch(at(url, '/tap'), {
          method: 'POST',
          body: JSON.stringify({ client: hello!.client, edge: 'source.out->sink.in', on: true }),
        });
        expect(answer.status).toBe(200);
        opened = (await answer.json()) as TapSample[];
      }
      if (event === 'tap') samples.push(...(data as TapEvent).samples);
      if (samples.length >= 6) break;
    }
    stop.abort();
    const elapsed = Date.now() - began;
    expect(hello!.tap).toEqual(bounds);
    expect(opened!.length).toBeLessThanOrEqual(3);
    for (const sample of samples) {
      expect(sample.text.length).toBeLessThanOrEqual(40);
      expect(sample.truncated).toBe(true);
      expect(sample.text).toMatch(/^\{"n": \d+, "text": "x+…$/);
    }
    // One sample per 100 ms at most, over the whole time it was open.
    expect(samples.length).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 1);
    for (let i = 1; i < samples.length; i++)
      expect(samples[i]!.at - samples[i - 1]!.at).toBeGreaterThanOrEqual(100);
    // What the server keeps for a late page is the last three.
    const again = await fetch(at(url, '/state'));
    expect(again.status).toBe(200);
  });

  test('a tap is refused for a link that does not exist, or a page that is not connected', async () => {
    const { url } = await watch(records('refusing'));
    const [hello] = await read(url, ({ event }) => event === 'layout');
    const client = (hello!.data as Hello).client;
    const ask = (body: unknown) =>
      fetch(at(url, '/tap'), { method: 'POST', body: JSON.stringify(body) });
    const unknownEdge = await ask({ client, edge: 'nowhere.out->x.in', on: true });
    expect(unknownEdge.status).toBe(409);
    const stranger = await ask({ client: 'c999', edge: 'source.out->sink.in', on: true });
    expect(stranger.status).toBe(409);
    expect(await stranger.text()).toMatch(/No page 'c999' is connected/);
    const malformed = await ask({ edge: 3 });
    expect(malformed.status).toBe(400);
  });
});

test('a full link shows as queued to its capacity', async () => {
  const g = graph('full');
  graphs.push(g);
  g.pipeline(g.add('source', Records), g.add('slow', Sluggish, { params: { ms: 10_000 } }));
  const { url } = await watch(g);
  const events = await read(
    url,
    ({ event, data }) =>
      event === 'tick' && (data as Tick).links.some((l) => l.queued === l.capacity),
  );
  const tick = events[events.length - 1]!.data as Tick;
  expect(tick.links[0]).toMatchObject({ queued: 64, capacity: 64 });
  expect(tick.components.find((c) => c.name === 'source')).toMatchObject({
    state: 'running',
    waiting: "outbox 'out'",
  });
});
