/**
 * Every shell command the docs show runs as written for a reader with only Node and npm: it
 * names real npm scripts, files, `plexus` commands and options; the graph files it names pass
 * `plexus check`; and `npm create plexus` makes a project whose scripts the pages use.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { main } from '@plexus/runner';
import { createProject } from 'create-plexus';
import { markdownPages, root } from '../codeBlocks.ts';
import {
  commandProblem,
  graphFilesNamed,
  type Known,
  pageCommands,
  type ShellCommand,
} from '../commands.ts';

const scratch = mkdtempSync(join(tmpdir(), 'plexus-docs-commands-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

async function plexusCommands(): Promise<Map<string, Set<string>>> {
  const help = async (...args: string[]) => {
    let text = '';
    const write = (t: string) => {
      text += t;
    };
    await main([...args, '--help'], { out: write, err: write } as never);
    return text;
  };
  const commands = new Map<string, Set<string>>();
  const list = (await help()).split('Commands:')[1]!;
  for (const [, name] of list.matchAll(/^ {2}(\w+)/gm)) {
    if (name === 'help') continue;
    const options = new Set(['-h', '--help']);
    for (const [, short, long] of (await help(name!)).matchAll(/^ {2}(-\w)?(?:, )?(--[\w-]+)?/gm)) {
      if (short !== undefined) options.add(short);
      if (long !== undefined) options.add(long);
    }
    commands.set(name!, options);
  }
  return commands;
}

let known: Known;
beforeAll(async () => {
  const scripts = new Map<string, Set<string>>();
  scripts.set('', new Set(Object.keys(json(join(root, 'package.json')).scripts)));
  const published = new Set<string>();
  for (const group of ['packages', 'examples', 'tutorials']) {
    for (const name of readdirSync(join(root, group))) {
      const path = join(root, group, name, 'package.json');
      if (!existsSync(path)) continue;
      const pkg = json(path);
      scripts.set(`${group}/${name}`, new Set(Object.keys(pkg.scripts ?? {})));
      if (pkg.private !== true) published.add(pkg.name);
    }
  }
  // A reader's new project, as `npm create plexus` makes it; and the tutorial's work folder,
  // which `npm run tutorial check` fills from the starters.
  const project = join(scratch, 'my-flow');
  createProject({ dir: project });
  scripts.set('my-flow', new Set(Object.keys(json(join(project, 'package.json')).scripts)));
  cpSync(join(root, 'tutorials/miniaxon/starters'), join(scratch, 'tutorial', 'work'), {
    recursive: true,
  });
  known = {
    pnpm: json(join(root, 'package.json')).packageManager.split('@')[1],
    scripts,
    fileRoots: [
      root,
      project,
      join(scratch, 'tutorial'),
      join(root, 'packages/runner/test/fixtures'),
    ],
    plexus: await plexusCommands(),
    published,
    bins: new Set(readdirSync(join(root, 'node_modules/.bin'))),
  };
}, 60_000);

const pages = markdownPages();
const commands = pages.flatMap((page) => pageCommands(page));

describe('the commands of the docs', () => {
  test('are found in blocks and in prose', () => {
    const shown = commands.map((c) => c.words.slice(0, 2).join(' '));
    expect(shown).toEqual(expect.arrayContaining(['npm create', 'npx --yes', 'npx plexus']));
    expect(commands.length).toBeGreaterThan(100);
  });

  test.each(pages)('%s: each names real scripts, files, commands and options', (page) => {
    const problems = commands
      .filter((command) => command.page === page)
      .map((command) => {
        const here = { ...known, fileRoots: [...known.fileRoots, join(root, dirname(page))] };
        const problem = commandProblem(command, here, existsSync);
        return problem === undefined ? undefined : `${command.where}: ${command.text}: ${problem}`;
      })
      .filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
  });

  test('the graph files they name pass plexus check', async () => {
    const files = graphFilesNamed(commands, existsSync);
    expect(files).toContain('examples/wordcount/wordcount.graph.yaml');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(root, 'packages/runner/bin/plexus.mjs'), 'check', ...files],
      { cwd: root },
    );
    expect(stdout).toContain('ok');
  }, 120_000);
});

describe('the command checker', () => {
  const command = (text: string): ShellCommand =>
    pageCommands('x.md', `\`\`\`sh\n${text}\n\`\`\``)[0]!;
  const problem = (text: string) => commandProblem(command(text), known, existsSync);

  test('passes what a reader can run', () => {
    expect(problem('npx --yes pnpm@10.34.9 install --frozen-lockfile')).toBeUndefined();
    expect(
      problem('npx plexus run examples/wordcount/wordcount.graph.yaml --backend process'),
    ).toBeUndefined();
    expect(problem('npm run tutorial check 2')).toBeUndefined();
  });

  test('finds what a reader cannot', () => {
    expect(problem('pnpm test')).toContain("'pnpm' is not there");
    expect(problem('npx --yes pnpm@9.0.0 test')).toContain('pnpm@10.34.9');
    expect(problem('npm run tutorials')).toContain("no npm script 'tutorials'");
    expect(
      problem('npx plexus run examples/wordcount/wordcount.graph.yaml --backnd process'),
    ).toContain('no option --backnd');
    expect(problem('npx plexus chek x.graph.yaml')).toContain("no command 'chek'");
    expect(problem('npx plexus run examples/nowhere.graph.yaml')).toContain('no file');
    expect(problem('npm install @plexus/bench')).toContain('not a published package');
  });
});
