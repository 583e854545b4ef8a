/**
 * The inspector's page for a graph with a component on another host: a node agent (`plexus
 * node`, a process in a directory of its own) reached over NATS. A person sees where that
 * component runs — the NATS node, its host and the unit's pid —, its counters rising, the
 * messages going into it when they tap its link, and its failure with the line that threw.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type Graph, graph } from '@plexus/core';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import type { Browser, Page } from 'playwright-core';
import {
  type Started,
  startNatsServer,
  startNodeAgent,
  stopAll,
} from '../../nats/test/natsServer.ts';
import { above, launch, openPage, shows } from './browser.ts';
import { Picky, Records } from './fixtures/components.ts';
import { unwatchAll, watch } from './support.ts';

jest.setTimeout(60_000);
let browser: Browser;
let agent: Started;
let nats: NatsBackend;
let page: Page | undefined;
const graphs: Graph[] = [];

beforeAll(async () => {
  const server = await startNatsServer();
  [browser, agent] = await Promise.all([launch(), startNodeAgent(server.url, 'a')]);
  nats = await natsBackend({ nats: { servers: server.url } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await nats?.close();
  await stopAll();
});
afterEach(async () => {
  await page?.close();
  await unwatchAll(graphs.splice(0));
});

/** The parent of process `pid` (Linux). */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

describe('the inspector page, with a component on a NATS node', () => {
  test('shows the node, host and pid it runs on, its counters rising, and a tap into it', async () => {
    const g = graph('across');
    graphs.push(g);
    g.pipeline(
      g.add('source', Records, { params: { ms: 5 } }),
      g.add('remote', Picky, { params: { at: -1 }, backend: 'nats', options: { node: 'a' } }),
      g.add('sink', collector([])),
    );
    const { url } = await watch(g, {}, [nats]);
    page = await openPage(browser, url);

    // Where it runs: the node's name, the host, and the pid of its unit, a child of the agent.
    const node = '[data-node="remote"]';
    const where = await page.waitForFunction((s) => {
      const at = document.querySelector(s)?.getAttribute('data-where') ?? '';
      return /^nats node/.test(at) ? at : false;
    }, node);
    const place = /^nats node 'a' \(host (.+)\), process (\d+)$/.exec(
      (await where.jsonValue()) as string,
    );
    expect(place?.[1]).toBe(hostname());
    const pid = Number(place?.[2]);
    expect(parentOf(pid)).toBe(agent.child.pid);
    await shows(page, node, "nats node 'a'");
    await shows(page, node, `host ${hostname()} · pid ${pid}`);
    expect(await page.locator(`${node} rect`).first().getAttribute('fill')).toBe('#fef3c7');
    await shows(page, '.legend', 'nats node');

    // Counters rising on the links into the node and out of it.
    for (const edge of [
      '[data-edge="source.out->remote.in"]',
      '[data-edge="remote.out->sink.in"]',
    ]) {
      const first = await above(page, edge, 'data-sent', 0);
      await above(page, edge, 'data-sent', first);
    }

    // A tap on the link into the NATS unit: sampled on the node, shown here.
    await page.locator('[data-edge="source.out->remote.in"] .hit').click({ force: true });
    await shows(page, '[data-testid=tap]', 'Tap: source.out → remote.in');
    await shows(page, '[data-testid=tap-sample] pre', /^\{"n": \d+, "text": "x{10}"\}$/);
    // Its number on the link is the record's: the first record sent is the link's first.
    const [seq, text] = await page.evaluate(() => {
      const newest = document.querySelector('[data-testid=tap-sample]');
      return [newest?.getAttribute('data-seq'), newest?.querySelector('pre')?.textContent];
    });
    expect(JSON.parse(text ?? '')).toEqual({ n: Number(seq), text: 'xxxxxxxxxx' });
  });

  test("shows a failure on the node: where it ran, its box, and the stack at the user's line", async () => {
    const g = graph('failing-across');
    graphs.push(g);
    g.pipeline(
      g.add('source', Records, { params: { ms: 5, count: 1000 } }),
      g.add('picky', Picky, { params: { at: 25 }, backend: 'nats', options: { node: 'a' } }),
      g.add('sink', collector([])),
    );
    const { url } = await watch(g, {}, [nats]);
    page = await openPage(browser, url);
    const failure = '[data-testid=failure]';
    await shows(
      page,
      failure,
      /picky \(Picky\) · nats node 'a' \(host .+\), process \d+ · box 'in'/,
    );
    await shows(page, failure, 'RangeError: record 25 is not welcome here');
    // The line that throws, in the fixture's TypeScript, though the node ran it bundled.
    const fixture = readFileSync(join(__dirname, 'fixtures', 'components.ts'), 'utf8').split('\n');
    const line = fixture.findIndex((text) => text.includes('throw new RangeError')) + 1;
    await shows(page, `${failure} pre`, new RegExp(`at rejectRecord .*components\\.ts:${line}:`));
    await shows(page, '[data-testid=status]', /^failed$/);
  });
});

/** The page's document, in functions that run in the browser. */
interface Shown {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
}
declare const document: { querySelector(selector: string): Shown | null };
