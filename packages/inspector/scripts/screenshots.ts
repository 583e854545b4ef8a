/**
 * The inspector's screenshots in docs/guides/images, taken again: the flagship word count
 * (`plexus run … --inspect`, the link from its counters to merge tapped) and the growing
 * sieve, in Debian's Chromium (/usr/bin/chromium). It needs the word count's 32 MB text:
 *
 *   node --import ./scripts/register-ts.mjs examples/wordcount/make-text.ts   # once
 *   npx --yes pnpm@10.34.9 --filter @plexus/inspector screenshots
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { graph } from '@plexus/core';
import { chromium, type Page } from 'playwright-core';
import { PrimeFilter, Report } from '../../../examples/sieve/sieve.ts';
import { inspector } from '../src/index.ts';
import { SlowCandidates } from '../test/fixtures/components.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const images = join(root, 'docs', 'guides', 'images');
const plexus = join(root, 'packages', 'runner', 'bin', 'plexus.mjs');

/** Start `plexus run …args --inspect`; resolves with the page's address. */
function inspected(args: string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [plexus, 'run', ...args, '--inspect'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /inspector at (\S+)/.exec(stderr);
      if (found !== null) resolve({ url: found[1]!, stop: () => child.kill('SIGINT') });
    });
    child.on('exit', () => reject(new Error(`plexus exited:\n${stderr}`)));
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(images, name) });
  // The sieve's report prints with console.log, silenced while it runs.
  process.stdout.write(`wrote docs/guides/images/${name}\n`);
}

const text = join(root, 'examples', 'wordcount', 'data', 'text.txt');
if (!existsSync(text))
  throw new Error(
    `${text} is missing: make it first, from the repository's root: node --import ./scripts/register-ts.mjs examples/wordcount/make-text.ts`,
  );
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 560 } });
  const wordcount = await inspected([
    'examples/wordcount/wordcount.graph.yaml',
    '--set',
    `read.path=${text}`,
  ]);
  await page.goto(wordcount.url);
  // The batches have all gone into count's links (1,024 each) by the time its two worker
  // threads have started: what still flows is the counts going from them to merge.
  await page.waitForSelector('[data-node="count"][data-where*="worker thread"]');
  await page.locator('[data-edge="count.out->merge.in"] .hit').click({ force: true });
  await page.waitForSelector('[data-testid=tap-sample]', { timeout: 60_000 });
  // Counts cross from a busy worker in bursts: take the picture while one is going through
  // (and again if the page changed while it was taken).
  const flowing = '[data-edge="count.out->merge.in"].active';
  for (let tries = 1; ; tries++) {
    await page.waitForSelector(flowing, { timeout: 60_000 });
    const picture = await page.screenshot();
    if ((await page.locator(flowing).count()) === 0 && tries < 10) continue;
    writeFileSync(join(images, 'inspector-wordcount.png'), picture);
    process.stdout.write('wrote docs/guides/images/inspector-wordcount.png\n');
    break;
  }
  wordcount.stop();

  // The sieve, slowed down to watch it grow (as the page's test runs it).
  const g = graph('sieve');
  const candidates = g.add('candidates', SlowCandidates, { params: { limit: 40, ms: 400 } });
  const first = g.add('filter-2', PrimeFilter, { params: { prime: 2 } });
  const report = g.add('report', Report);
  g.link(candidates.outbox('out'), first.inbox('in'));
  g.link(first.outbox('primes'), report.inbox('in'));
  const watch = inspector({ onListening: () => {}, linger: 5000 });
  const log = console.log;
  console.log = () => {};
  const done = g.run({ inspect: watch });
  // Wide enough for the whole chain to fit (the page shrinks a graph to 60% at most).
  await page.setViewportSize({ width: 1920, height: 600 });
  await page.goto(await watch.ready);
  await page.waitForFunction(() => document.querySelectorAll('[data-node]').length >= 8);
  if ((await page.getByTestId('status').textContent()) !== 'running')
    throw new Error(
      'The sieve ended before its picture was taken: try again on a quieter machine.',
    );
  await shoot(page, 'inspector-sieve.png');
  await done;
  console.log = log;
  await watch.close();
} finally {
  await browser.close();
}

declare const document: { querySelectorAll(selector: string): ArrayLike<unknown> };
