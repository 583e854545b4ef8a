import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { liveWorkers } from '@plexus/worker';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { textLines } from '../text.ts';
import { CountWords, MergeCounts, wordcount } from '../wordcount.ts';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const plexus = join(root, 'packages/runner/bin/plexus.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'plexus-wordcount-'));
afterEach(() => expect(liveWorkers()).toBe(0));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the graph prints for sample.txt (the README quotes it). */
const SAMPLE = `25,432 words, 3,697 different; the 10 most frequent:
2,701  the
1,397  of
  896  and
  716  to
  572  a
  488  in
  382  is
  339  it
  299  you
  278  he
`;

describe('the text', () => {
  test('is the same for the same seed and size, and about that size', () => {
    const a = [...textLines({ bytes: 20_000, seed: 7 })];
    expect([...textLines({ bytes: 20_000, seed: 7 })]).toEqual(a);
    expect([...textLines({ bytes: 20_000, seed: 8 })]).not.toEqual(a);
    const bytes = a.reduce((sum, line) => sum + line.length + 1, 0);
    expect(bytes).toBeGreaterThanOrEqual(20_000);
    expect(bytes).toBeLessThan(20_000 + 80);
    expect(Math.max(...a.map((line) => line.length))).toBeLessThanOrEqual(72);
  });

  test('sample.txt is the committed 128 KB of seed 1', () => {
    const lines = [...textLines({ bytes: 128 * 1024 })];
    expect(readFileSync(join(root, 'examples/wordcount/sample.txt'), 'utf8')).toBe(
      `${lines.join('\n')}\n`,
    );
  });

  test('make-text writes a file of the size asked for, once', async () => {
    const path = join(scratch, 'made.txt');
    const args = ['--import', './scripts/register-ts.mjs', 'examples/wordcount/make-text.ts'];
    const first = await run(process.execPath, [...args, path, '0.05'], { cwd: root });
    expect(first.stderr).toMatch(/^make-text: wrote .*made\.txt \(0\.1 MB\) in [\d.]+ s\n$/);
    const size = statSync(path).size;
    expect(size).toBeGreaterThanOrEqual(Math.round(0.05 * 1024 * 1024));
    expect(size).toBeLessThan(Math.round(0.05 * 1024 * 1024) + 80);
    const again = await run(process.execPath, [...args, path, '0.05'], { cwd: root });
    expect(again.stderr).toBe('');
  });
});

describe('the components', () => {
  test('CountWords counts lower-cased words per batch, apostrophes inside words', async () => {
    const { out } = await runComponent(CountWords, {
      in: [["Don't stop, don't!", 'The the THE 42 o’clock'], ['café Café']],
    });
    expect(out).toEqual([
      [
        ["don't", 2],
        ['stop', 1],
        ['the', 3],
        ['o’clock', 1],
      ],
      [['café', 2]],
    ]);
  });

  test('MergeCounts adds up counts and ranks ties alphabetically', async () => {
    const { out } = await runComponent(
      MergeCounts,
      {
        in: [
          [
            ['b', 2],
            ['a', 1],
          ],
          [
            ['c', 3],
            ['a', 1],
          ],
        ],
      },
      { params: { top: 2 } },
    );
    expect(out).toEqual([
      {
        words: 7,
        distinct: 3,
        top: [
          ['c', 3],
          ['a', 2],
        ],
      },
    ]);
  });
});

describe('the example', () => {
  test('built in code, counts on two worker threads', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    const g = wordcount({ path: join(root, 'examples/wordcount/sample.txt'), replicas: 2 });
    try {
      await g.run();
    } finally {
      console.log = log;
    }
    expect(`${lines.join('\n')}\n`).toBe(SAMPLE);
    const counters = g.stats().components.filter((c) => c.type === 'CountWords');
    expect(counters.map((c) => [c.name, c.backend, c.state])).toEqual([
      ['count', 'worker', 'ended'],
      ['count#1', 'worker', 'ended'],
      ['count#2', 'worker', 'ended'],
    ]);
  });

  test('the graph file prints the top words on stdout and the run’s stats on stderr', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [plexus, 'run', 'examples/wordcount/wordcount.graph.yaml', '--stats'],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(stdout).toBe(SAMPLE);
    expect(stderr).toMatch(/^link +sent +msgs\/s +queued +hosts$/m);
    expect(stderr).toMatch(/^read\.out -> batch\.in +2,\d\d\d /m);
    expect(stderr).toMatch(/^batch\.out -> count#1\.in /m);
    expect(stderr).toMatch(/^batch\.out -> count#2\.in /m);
    expect(stderr).toMatch(/^read \(on [^)]+\): 100% \(131,094 of 131,094\)$/m);
  });

  test('main.ts, with the counters in child processes, prints the same', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [...plexusNodeArgs('./scripts/register-ts.mjs'), 'examples/wordcount/main.ts', '--process'],
      { cwd: root },
    );
    expect(stdout).toBe(SAMPLE);
    expect(stderr).toMatch(/^counted examples\/wordcount\/sample\.txt in [\d.]+ s\n$/);
  });
});
