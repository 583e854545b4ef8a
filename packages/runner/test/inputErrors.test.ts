/**
 * What the user typed on the command line, when it cannot be used: every command says so in
 * one located line with the fix, and exits 2 — never a raw ENOENT/EISDIR stack. Where the
 * line suggests something (a file name, a command), the test follows the suggestion.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { main } from '@plexus/runner';
import { fixtures } from './support/plexus.ts';

let dir: string;
const cwd = process.cwd();

beforeAll(() => {
  // Inside the repository, so the copied parts.ts finds @plexus/core as a user's project would.
  dir = mkdtempSync(join(fixtures, 'input-scratch-'));
  mkdirSync(join(dir, 'graphs'));
  mkdirSync(join(dir, 'empty'));
  copyFileSync(join(fixtures, 'shout.graph.yaml'), join(dir, 'graphs', 'shout.graph.yaml'));
  copyFileSync(join(fixtures, 'parts.ts'), join(dir, 'graphs', 'parts.ts'));
  copyFileSync(join(fixtures, 'noflo', 'count.fbp'), join(dir, 'count.fbp'));
  writeFileSync(join(dir, 'notes.txt'), 'not a graph');
  process.chdir(dir);
});

afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => {
      out += text.endsWith('\n') ? text : `${text}\n`;
    },
    err: (text) => {
      err += text.endsWith('\n') ? text : `${text}\n`;
    },
    color: false,
  });
  return { code, out, err };
}

/** The command fails with exit 2, no stack, and this first line. */
async function refused(argv: string[], line: string | RegExp): Promise<string> {
  const { code, err } = await capture(argv);
  expect(code).toBe(2);
  expect(err).not.toMatch(/^\s+at /m);
  expect(err).not.toMatch(/ENOENT|EISDIR|Error:/);
  const first = err.split('\n')[0]!;
  if (typeof line === 'string') expect(first).toBe(line);
  else expect(first).toMatch(line);
  return first;
}

describe('a graph file argument that cannot be used', () => {
  it.each([['run'], ['check'], ['draw']])(
    'plexus %s missing.yaml: there is no such file',
    async (command) => {
      await refused(
        [command, 'missing.yaml', ...(command === 'draw' ? ['-o', 'x.svg'] : [])],
        'missing.yaml: there is no such file; check the path',
      );
    },
  );

  it('a misspelt file name: did you mean the graph file beside it (followed: it checks ok)', async () => {
    const line = await refused(
      ['check', 'graphs/shout.graph.yml'],
      "graphs/shout.graph.yml: there is no such file; did you mean 'shout.graph.yaml'?",
    );
    const suggested = /did you mean '([^']+)'/.exec(line)![1]!;
    const { code, out } = await capture(['check', join('graphs', suggested)]);
    expect(code).toBe(0);
    expect(out).toContain(': ok');
  });

  it('a folder names a graph file in it (followed: it checks ok)', async () => {
    const line = await refused(
      ['check', 'graphs/'],
      "graphs: is a folder, not a graph file; name a graph file in it, e.g. graphs/shout.graph.yaml (it holds 'shout.graph.yaml')",
    );
    const suggested = /e\.g\. (\S+)/.exec(line)![1]!;
    expect((await capture(['check', suggested])).code).toBe(0);
  });

  it('a folder without graph files says so', async () => {
    await refused(
      ['run', 'empty'],
      'empty: is a folder, not a graph file, and holds no graph files (.yaml, .yml or .json); name a graph file',
    );
  });

  it("'-' is not read from standard input, and says why and what to do", async () => {
    await refused(
      ['run', '-'],
      /^-: is not read from standard input: .*; save the graph in a file/,
    );
  });

  it('a NoFlo .fbp graph: convert it first (followed: the hinted command writes a graph file)', async () => {
    const line = await refused(
      ['run', 'count.fbp'],
      'count.fbp: is a NoFlo graph; convert it into a graph file first: plexus convert count.fbp -o count.graph.yaml',
    );
    const command = /: plexus (convert .*)$/.exec(line)![1]!.split(' ');
    const converted = await capture(command);
    expect(converted.code).toBe(0);
    expect(readFileSync(join(dir, 'count.graph.yaml'), 'utf8')).toContain('Read.out -> Split.in');
  });

  it('code and other files are not graph files', async () => {
    await refused(
      ['check', 'graphs/parts.ts'],
      "graphs/parts.ts: is code, not a graph file (graph files end in .yaml, .yml or .json); a graph file uses its components as 'use: ./parts.ts#ExportName', and a program runs with node",
    );
    await refused(
      ['check', 'notes.txt'],
      'notes.txt: is not named like a graph file; graph files end in .yaml, .yml or .json',
    );
  });

  it('a file over the size limit is refused before it is read', async () => {
    writeFileSync(
      join(dir, 'big.graph.yaml'),
      `description: big\ncomponents: {}\n# ${'x'.repeat(2 << 20)}\n`,
    );
    const before = process.env.PLEXUS_MAX_GRAPH_FILE_MB;
    process.env.PLEXUS_MAX_GRAPH_FILE_MB = '1';
    try {
      await refused(
        ['check', 'big.graph.yaml'],
        'big.graph.yaml: is 2 MB, and graph files are limited to 1 MB; keep large data out of the graph file (a component can read it from a file), or raise the limit with PLEXUS_MAX_GRAPH_FILE_MB',
      );
    } finally {
      if (before === undefined) delete process.env.PLEXUS_MAX_GRAPH_FILE_MB;
      else process.env.PLEXUS_MAX_GRAPH_FILE_MB = before;
    }
  });
});

describe('an output file or a NoFlo file that cannot be used', () => {
  it('draw -o into a folder that does not exist says to create it', async () => {
    await refused(
      ['draw', 'graphs/shout.graph.yaml', '-o', 'nowhere/shout.svg'],
      'plexus draw: cannot write nowhere/shout.svg: there is no folder nowhere; create it first (mkdir -p nowhere)',
    );
  });

  it('convert -o onto a folder names a file in it (followed: it converts)', async () => {
    const line = await refused(
      ['convert', 'count.fbp', '-o', 'empty'],
      'plexus convert: cannot write empty: it is a folder; name a file in it (e.g. empty/count.graph.yaml)',
    );
    const suggested = /e\.g\. ([^)]+)\)/.exec(line)![1]!;
    expect((await capture(['convert', 'count.fbp', '-o', suggested])).code).toBe(0);
  });

  it.each([
    ['missing.fbp', 'missing.fbp: there is no such file; check the path'],
    [
      'empty',
      'empty: is a folder; name a file in it (a NoFlo .fbp or .json, a Node-RED flows.json, or a graph file)',
    ],
    [
      '-',
      '-: is not read from standard input; save the graph in a file (.fbp, .json or .yaml) and name that file',
    ],
  ])('convert %s', async (file, line) => {
    await refused(['convert', file], line);
  });
});

describe('a module argument that cannot be used', () => {
  it('plexus components <folder>: a path starts with ./, and a folder names a module in it (both followed)', async () => {
    await refused(
      ['components', 'graphs'],
      "plexus components: cannot find the package 'graphs' from package.json; install it in this project, or use a path starting with './'.",
    );
    const line = await refused(
      ['components', './graphs'],
      'plexus components: ./graphs is a folder; name a module file in it (e.g. ./graphs/parts.ts).',
    );
    const suggested = /e\.g\. ([^)]+)\)/.exec(line)![1]!;
    const { code, out } = await capture(['components', suggested]);
    expect(code).toBe(0);
    expect(out).toContain('./graphs/parts.ts#Words');
  });
});

describe('plexus --version', () => {
  it.each([['--version'], ['-V']])('%s prints the runner’s version and exits 0', async (flag) => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    const { code, out } = await capture([flag]);
    expect(code).toBe(0);
    expect(out).toBe(`${version}\n`);
  });
});
