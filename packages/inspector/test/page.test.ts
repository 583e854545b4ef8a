/**
 * The inspector's page in a real browser (Debian's Chromium, driven by playwright-core): what
 * a person sees of a running graph — its components and links, counters that rise, a full
 * link marked, a tapped message, a failure, the sieve growing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type Graph, graph } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import type { Browser, Page } from 'playwright-core';
import { PrimeFilter, Report } from '../../../examples/sieve/sieve.ts';
import { above, has, hasShowing, launch, number, openPage, shows } from './browser.ts';
import { Picky, Records, SlowCandidates, Sluggish, Twice } from './fixtures/components.ts';
import { unwatchAll, watch } from './support.ts';

jest.setTimeout(60_000);
/** The page's document, in functions that run in the browser. */
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
};
let browser: Browser;
let page: Page;
const graphs: Graph[] = [];

beforeAll(async () => {
  browser = await launch();
}, 30_000);
afterAll(() => browser?.close());

afterEach(async () => {
  await page?.close();
  await unwatchAll(graphs.splice(0));
});

/** Open the page of a run of `g`. */
async function open(g: Graph): Promise<Page> {
  graphs.push(g);
  const { url } = await watch(g);
  page = await openPage(browser, url);
  return page;
}

describe('the inspector page', () => {
  test('draws every component where it runs, and counters that rise', async () => {
    const g = graph('counting');
    g.pipeline(
      g.add('source', Records, { params: { ms: 2 } }),
      g.add('pass', Picky, { params: { at: -1 }, backend: 'worker' }),
      g.add('sink', collector([])),
    );
    const page = await open(g);
    for (const name of ['source', 'pass', 'sink'])
      await page.locator(`[data-node="${name}"]`).waitFor({ state: 'visible' });
    await shows(page, '[data-node="pass"]', /worker thread \d+/);
    await shows(page, '[data-node="source"]', 'Records');
    const edge = '[data-edge="pass.out->sink.in"]';
    await page.waitForFunction(
      (s) => Number(document.querySelector(s)?.getAttribute('data-sent')) > 0,
      edge,
    );
    const before = await number(page, edge, 'data-sent');
    await page.waitForFunction(
      ([s, n]) =>
        Number(document.querySelector(s as string)?.getAttribute('data-sent')) > (n as number),
      [edge, before] as const,
    );
    expect(await number(page, edge, 'data-sent')).toBeGreaterThan(before);
    await shows(page, edge, /\d+(\.\d)?k?\/s/);
    await shows(page, '[data-testid=status]', /^running$/);
  });

  test('draws a composite as a box around its children, placed together', async () => {
    const g = graph('nested');
    g.pipeline(
      g.add('source', Records, { params: { ms: 2 } }),
      g.add('twice', Twice, { backend: 'worker' }),
      g.add('sink', collector([])),
    );
    const page = await open(g);
    const cluster = page.locator('g.cluster', { hasText: 'twice' });
    await cluster.waitFor({ state: 'visible' });
    const around = (await cluster.locator('rect').boundingBox())!;
    for (const child of ['twice/first', 'twice/second']) {
      const node = `[data-node="${child}"]`;
      await shows(page, node, /worker thread \d+/);
      const box = (await page.locator(`${node} rect`).first().boundingBox())!;
      expect(box.x).toBeGreaterThan(around.x);
      expect(box.x + box.width).toBeLessThan(around.x + around.width);
      expect(box.y).toBeGreaterThan(around.y);
      expect(box.y + box.height).toBeLessThan(around.y + around.height);
    }
    // One worker runs the composite: both children say the same thread.
    const [first, second] = await Promise.all(
      ['twice/first', 'twice/second'].map((n) =>
        page.locator(`[data-node="${n}"]`).getAttribute('data-where'),
      ),
    );
    expect(first).toBe(second);
    // The link between them, inside the worker, is drawn and counted.
    await above(page, '[data-edge="twice/first.out->twice/second.in"]', 'data-sent', 0);
  });

  test('draws a replicated component as one node, its replicas counted from the start', async () => {
    const g = graph('replicated');
    g.pipeline(
      g.add('source', Records, { params: { ms: 2 } }),
      g.add('pass', Picky, { params: { at: -1 }, backend: 'worker', replicas: 2 }),
      g.add('sink', collector([])),
    );
    const page = await open(g);
    const node = '[data-node="pass"]';
    // Both replicas are known from their links before their threads have started or reported.
    await shows(page, node, /^pass.*×2: worker/);
    await page.waitForFunction(
      (s) =>
        /^×2: worker thread \d+, \d+$/.test(
          document.querySelector(s)?.getAttribute('data-where') ?? '',
        ),
      node,
    );
    // Once the replicas have reported, the node and the header still count one component.
    expect(await page.locator('[data-node]').count()).toBe(3);
    await shows(page, '[data-testid=totals]', /^3 components · 3 running · /);
    const edge = '[data-edge="source.out->pass.in"]';
    expect(await number(page, edge, 'data-capacity')).toBe(2 * 1024);
  });

  test('marks a full link, and the component waiting for room', async () => {
    const g = graph('backpressure');
    g.pipeline(g.add('source', Records), g.add('slow', Sluggish, { params: { ms: 10_000 } }));
    const page = await open(g);
    const edge = '[data-edge="source.out->slow.in"]';
    await has(page, edge, 'data-full', 'true');
    await shows(page, edge, 'FULL 64/64');
    expect(await page.locator(edge).getAttribute('class')).toMatch(/\bfull\b/);
    await has(page, '[data-node="source"]', 'data-state', 'blocked');
    await shows(page, '[data-node="source"]', "waiting on outbox 'out'");
  });

  test('taps a link on a click: its messages show, and pause holds them', async () => {
    const g = graph('tapping');
    g.pipeline(g.add('source', Records, { params: { ms: 20 } }), g.add('sink', collector([])));
    const page = await open(g);
    await page.locator('[data-edge="source.out->sink.in"] .hit').click({ force: true });
    await shows(page, '[data-testid=tap]', 'Tap: source.out → sink.in');
    const samples = page.getByTestId('tap-sample');
    await shows(page, '[data-testid=tap-sample]', /\{"n": \d+, "text": "xxxxxxxxxx"\}/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=tap-sample]').length >= 3,
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    await shows(page, '[data-testid=tap]', 'paused');
    const held = await samples.count();
    await page.waitForTimeout(600);
    expect(await samples.count()).toBe(held);
    expect(held).toBeLessThanOrEqual(20);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-testid=tap-sample]')?.getAttribute('data-seq')) > n,
      await number(page, '[data-testid=tap-sample] >> nth=0', 'data-seq'),
    );
  });

  test('a tap on a link whose sender has finished says so, and what is still queued', async () => {
    const g = graph('drained');
    g.pipeline(
      g.add('source', Records, { params: { count: 5 } }),
      g.add('slow', Sluggish, { params: { ms: 10_000 } }),
    );
    const page = await open(g);
    await shows(page, '[data-node="source"]', 'ended');
    await page.locator('[data-edge="source.out->slow.in"] .hit').click({ force: true });
    await shows(page, '[data-testid=tap-empty]', /its sender has finished \(4 sent before/);
    expect(await page.getByTestId('tap-sample').count()).toBe(0);
  });

  test('shows a failure: the component, where it ran, its box, the message and the stack', async () => {
    const g = graph('failing');
    g.pipeline(
      g.add('source', Records, { params: { ms: 20, count: 1000 } }),
      g.add('picky', Picky, { params: { at: 25 }, backend: 'worker' }),
      g.add('sink', collector([])),
    );
    const page = await open(g);
    const failure = '[data-testid=failure]';
    await shows(page, failure, /picky \(Picky\) · worker thread \d+ · box 'in'/);
    await shows(page, failure, 'RangeError: record 25 is not welcome here');
    await shows(page, `${failure} pre`, /at rejectRecord .*components\.ts:\d+/);
    await has(page, '[data-node="picky"]', 'data-state', 'failed');
    await shows(page, '[data-testid=status]', /^failed$/);
  });

  test('shows a supervised crash: restarting, its restarts counted, and the failure marked', async () => {
    const g = graph('restarting');
    g.pipeline(
      g.add('source', Records, { params: { ms: 20 } }),
      g.add('picky', Picky, {
        params: { at: 5 },
        backend: 'worker',
        supervise: { maxRestarts: 3, backoffMs: 3000, onCrash: 'drop' },
      }),
      g.add('sink', collector([])),
    );
    const page = await open(g);
    const node = '[data-node="picky"]';
    // One look for both: the restarting state lasts only the backoff.
    await hasShowing(page, node, 'data-state', 'restarting', 'restarting');
    await shows(page, `${node} .restarts`, '↻ 1');
    await shows(
      page,
      '[data-testid=failure]',
      /picky \(Picky\) · worker thread \d+ · box 'in' .*· restarted \(1\)/,
    );
    // Restarted, it goes on past the record it dropped.
    await has(page, node, 'data-state', 'waiting');
    const edge = '[data-edge="picky.out->sink.in"]';
    await above(page, edge, 'data-sent', 5);
    await shows(page, '[data-testid=status]', /^running$/);
  });

  test('redraws the sieve as it grows a filter per prime', async () => {
    const g = graph('sieve');
    const candidates = g.add('candidates', SlowCandidates, { params: { limit: 80, ms: 80 } });
    const first = g.add('filter-2', PrimeFilter, { params: { prime: 2 } });
    const report = g.add('report', Report);
    g.link(candidates.outbox('out'), first.inbox('in'));
    g.link(first.outbox('primes'), report.inbox('in'));
    const log = console.log;
    console.log = () => {};
    try {
      const page = await open(g);
      const nodes = page.locator('[data-node]');
      await page.waitForFunction(() => document.querySelectorAll('[data-node]').length >= 5);
      const [early, version] = await page.evaluate(() => [
        document.querySelectorAll('[data-node]').length,
        Number(document.querySelector('svg.graph')?.getAttribute('data-version')),
      ]);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-node]').length >= n + 3,
        early,
      );
      expect(await number(page, 'svg.graph', 'data-version')).toBeGreaterThan(version);
      await page.locator('[data-node="filter-7"]').waitFor({ state: 'visible' });
      await page.locator('[data-edge="filter-5.out->filter-7.in"]').waitFor({ state: 'visible' });
      await shows(page, '[data-testid=status]', /^completed$/);
      // 22 primes below 80, a filter each, with the candidates and the report.
      expect(await nodes.count()).toBe(24);
    } finally {
      console.log = log;
    }
  });
});
