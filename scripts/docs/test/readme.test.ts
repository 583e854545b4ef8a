/**
 * The README's first impressions stay true: its graph file is the flagship's, its picture is
 * what `plexus draw` makes of it today, and its Quick start commands are the ones that work.
 * (Its code sample is examples/hello/main.ts, word for word: examples/hello's test; and it is
 * run, with its output, by codeBlocks.test.ts.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from '@jest/globals';
import { fences, root } from '../codeBlocks.ts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'plexus-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('its graph file is examples/wordcount/wordcount.graph.yaml, without the comments', () => {
  const file = readFileSync(join(root, 'examples/wordcount/wordcount.graph.yaml'), 'utf8');
  const body = file
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  const yaml = fences(readme).filter((fence) => fence.info === 'yaml');
  expect(yaml.map((fence) => fence.body)).toContain(body);
  expect(body.trim().split('\n').length).toBeLessThanOrEqual(12);
});

test('its picture is what plexus draw makes of that file today', async () => {
  const svg = join(scratch, 'wordcount.svg');
  await promisify(execFile)(
    process.execPath,
    [
      join(root, 'packages/runner/bin/plexus.mjs'),
      'draw',
      'examples/wordcount/wordcount.graph.yaml',
      '-o',
      svg,
    ],
    { cwd: root },
  );
  expect(readme).toContain('](docs/images/wordcount.svg)');
  expect(readFileSync(join(root, 'docs/images/wordcount.svg'), 'utf8')).toBe(
    readFileSync(svg, 'utf8'),
  );
}, 60_000);

test('its Quick start is the two commands, with the scripts they run', () => {
  const pin = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const pnpm = `npx --yes ${pin.packageManager}`;
  for (const script of ['start', 'test']) {
    expect(readme).toContain(`${pnpm} install --frozen-lockfile && ${pnpm} ${script}\n`);
    expect(pin.scripts).toHaveProperty(script);
  }
  expect(readme).toContain('npm create plexus@latest my-flow\ncd my-flow && npm start\n');
});

test('it shows the inspector, and compares Plexus with Kamaelia, NoFlo, Node-RED and Erlang', () => {
  expect(readme).toMatch(/\]\(docs\/guides\/images\/inspector-[\w-]+\.png\)/);
  const table = readme.split('## How it compares')[1]!.split('\n## ')[0]!;
  for (const name of ['Kamaelia', 'NoFlo', 'Node-RED', 'Erlang']) expect(table).toContain(name);
  for (const row of [
    'backpressure',
    'backends',
    'hosts',
    'typed ports',
    'immutability',
    'supervision',
    'tooling',
  ]) {
    expect(table).toContain(`**${row}**`);
  }
});
