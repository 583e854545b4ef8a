/**
 * Plexus as a user gets it (issue 23): every package packed, a new project made outside the
 * repository by the packed create-plexus, installed with npm from the tarballs (third-party
 * packages from the registry, through npm's cache), then used as its README says. Slow by
 * nature (~1-2 minutes): everything is packed once and shared by the tests below.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const exec = promisify(execFile);
const repo = resolve(__dirname, '../../..');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'plexus-consumer-')));
const packs = join(work, 'packs');
const project = join(work, 'my-flow');
const MINUTE = 60_000;

/** npm as a user runs it: none of the pnpm or npm settings of the command that started jest. */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_)/i.test(key)),
  ),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
};

function run(command: string, args: string[], cwd = project) {
  return exec(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
}

/** Run and keep the outcome, failure included. */
async function attempt(command: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(command, args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  await exec(process.execPath, [join(repo, 'scripts/pack-packages.mjs'), packs], { cwd: repo });
  const [creator] = (await exec('ls', [packs])).stdout
    .split('\n')
    .filter((f) => f.startsWith('create-plexus-'));
  // What `npm create plexus@latest my-flow` runs, with the package from its tarball.
  await run(
    'npm',
    [
      'exec',
      '--yes',
      `--package=${join(packs, creator ?? 'create-plexus.tgz')}`,
      '--',
      'create-plexus',
      'my-flow',
      '--packages',
      packs,
    ],
    work,
  );
}, 10 * MINUTE);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The files `typeCheck()` writes wrong on purpose, relative to the project. */
const WRONG = { misspelt: 'src/misspelt.ts', cts: 'src/wrong.cts' } as const;

interface Diagnostic {
  readonly file: string;
  readonly text: string;
}

let checked: Promise<{ code: number; diagnostics: Diagnostic[] }> | undefined;

/**
 * `npx tsc --skipLibCheck false` once for the tests that type-check (a run costs 4–8 CPU seconds),
 * with files added for them: a box name misspelt, and TypeScript written as CommonJS, right
 * (`src/same.cts`) and wrong. tsc reports every file's diagnostics, each on a line of its own
 * (`file(line,col): error TS…`, continued by indented lines).
 */
function typeCheck() {
  checked ??= (async () => {
    const files = {
      [WRONG.misspelt]: [
        "import { graph } from '@plexus/core';",
        "import { Shout } from './shout.ts';",
        'const g = graph();',
        "const shout = g.add('shout', Shout);",
        "g.link(shout.outbox('outt'), shout.inbox('in'));",
      ],
      'src/same.cts': [
        "import core = require('@plexus/core');",
        "import type { Graph } from '@plexus/core';",
        'const g: Graph = core.graph();',
        'console.log(typeof g.run);',
      ],
      [WRONG.cts]: ["import core = require('@plexus/core');", 'core.graph().add(1);'],
    };
    for (const [file, lines] of Object.entries(files)) {
      writeFileSync(join(project, file), `${lines.join('\n')}\n`);
    }
    try {
      const { code, stdout } = await attempt('npx', ['tsc', '--skipLibCheck', 'false']);
      const diagnostics = stdout
        .split(/\n(?=\S)/)
        .filter((text) => text.trim() !== '')
        .map((text) => ({ file: text.slice(0, text.indexOf('(')), text }));
      return { code, diagnostics };
    } finally {
      for (const file of Object.keys(files)) rmSync(join(project, file));
    }
  })();
  return checked;
}

describe('a new project, installed with npm from the packed packages', () => {
  it(
    'attw and publint find nothing wrong in any packed package',
    async () => {
      const { stdout } = await exec(
        process.execPath,
        [join(repo, 'scripts/check-packages.mjs'), packs],
        {
          cwd: repo,
        },
      );
      const tarballs = readdirSync(packs).filter((file) => file.endsWith('.tgz'));
      expect(tarballs.length).toBeGreaterThanOrEqual(8);
      expect(stdout.match(/^ok /gm)).toHaveLength(tarballs.length);
    },
    5 * MINUTE,
  );

  it('is a folder with a component, a graph file for the editor, a test and a README', () => {
    const graph = readFileSync(join(project, 'flow.graph.yaml'), 'utf8');
    const [line] = graph.split('\n');
    expect(line).toBe(
      '# yaml-language-server: $schema=node_modules/@plexus/runner/graph.schema.json',
    );
    expect(existsSync(join(project, 'node_modules/@plexus/runner/graph.schema.json'))).toBe(true);
    for (const file of [
      'src/shout.ts',
      'test/shout.test.ts',
      'tsconfig.json',
      'README.md',
      '.gitignore',
    ]) {
      expect(existsSync(join(project, file))).toBe(true);
    }
    expect(readFileSync(join(project, 'README.md'), 'utf8')).toMatch(/npm start[^\n]*\nnpm test/);
  });

  it(
    'runs the graph with the same output inline, on worker threads and in processes',
    async () => {
      const expected = 'HELLO!\nFLOW!\nWORLD!\n';
      await expect(run('npm', ['start', '--silent'])).resolves.toMatchObject({ stdout: expected });
      for (const backend of ['inline', 'worker', 'process']) {
        await expect(
          run('npx', ['plexus', 'run', 'flow.graph.yaml', '--backend', backend]),
        ).resolves.toMatchObject({ stdout: expected });
      }
    },
    2 * MINUTE,
  );

  it(
    'has no NATS client until it asks for one, and the NATS commands say what to install',
    async () => {
      expect(existsSync(join(project, 'node_modules/@plexus/nats'))).toBe(false);
      expect(existsSync(join(project, 'node_modules/@nats-io'))).toBe(false);
      const nodes = await attempt('npx', ['plexus', 'nodes', '--nats', 'nats://127.0.0.1:1']);
      expect(nodes.code).toBe(2);
      expect(nodes.stderr).toContain(
        'plexus nodes: NATS needs the package @plexus/nats, which this project does not have; install it beside @plexus/runner (npm install @plexus/nats)',
      );
      const ran = await attempt('npx', [
        'plexus',
        'run',
        'flow.graph.yaml',
        '--nats',
        'nats://x:1',
      ]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain('plexus run: NATS needs the package @plexus/nats');
    },
    MINUTE,
  );

  it(
    'passes its own test',
    async () => {
      const { stdout } = await run('npm', ['test', '--silent']);
      expect(stdout).toMatch(/^# pass 2$/m);
      expect(stdout).toMatch(/^# fail 0$/m);
    },
    MINUTE,
  );

  it(
    'type-checks, with the libraries checked too, against a single zod of its own',
    async () => {
      const { code, diagnostics } = await typeCheck();
      // Nothing is wrong but what the two tests below wrote wrong on purpose.
      const wrong: string[] = Object.values(WRONG);
      expect(diagnostics.filter((d) => !wrong.includes(d.file))).toEqual([]);
      expect(code).toBe(2);
      const { stdout } = await run('npm', ['ls', 'zod', '--all', '--parseable']);
      expect(stdout.trim().split('\n')).toEqual([join(project, 'node_modules/zod')]);
      for (const name of ['core', 'host', 'worker', 'process', 'runner', 'components']) {
        const manifest = JSON.parse(
          readFileSync(join(project, 'node_modules/@plexus', name, 'package.json'), 'utf8'),
        );
        expect({
          name,
          peer: manifest.peerDependencies?.zod,
          own: manifest.dependencies?.zod,
        }).toEqual({ name, peer: '^4.0.0', own: undefined });
      }
    },
    MINUTE,
  );

  it(
    'loads Plexus in a worker thread as ES modules only, scanning no CommonJS for its exports',
    async () => {
      // Node scans a CommonJS package an ES module imports (cjs-module-lexer), and the garbage
      // grew every such thread's young generation: Plexus's own CommonJS dependencies are
      // bundled into its build instead.
      const script = [
        "import { Worker } from 'node:worker_threads';",
        'const worker = new Worker(',
        "  `import { parentPort } from 'node:worker_threads';",
        "  const [core] = await Promise.all(['@plexus/core', '@plexus/core/backend', '@plexus/host'].map((m) => import(m)));",
        '  parentPort.postMessage({',
        '    graph: typeof core.graph,',
        '    scanned: process.moduleLoadList.filter((m) => /cjs-module-lexer/.test(m)),',
        '  });`,',
        '  { eval: true },',
        ');',
        "worker.once('message', (report) => {",
        '  console.log(JSON.stringify(report));',
        '  worker.terminate();',
        '});',
      ].join('\n');
      const { stdout } = await run('node', ['--input-type=module', '-e', script]);
      expect(JSON.parse(stdout)).toEqual({ graph: 'function', scanned: [] });
    },
    MINUTE,
  );

  it(
    'does not compile a misspelt box',
    async () => {
      const { diagnostics } = await typeCheck();
      expect(diagnostics.filter((d) => d.file === WRONG.misspelt)).toEqual([
        expect.objectContaining({
          text: expect.stringContaining(
            `src/misspelt.ts(5,21): error TS2345: Argument of type '"outt"'`,
          ),
        }),
      ]);
    },
    MINUTE,
  );

  it(
    'type-checks TypeScript written as CommonJS against the require condition’s types',
    async () => {
      // `src/same.cts` (right) has no diagnostic at all, `src/wrong.cts` the one it should: the
      // types came from the .d.cts, not an `any`. Neither is run: on Node 20 a .cts compiled by
      // module hooks cannot require() an ES module (a Node bug, ERR_VM_MODULE_LINK_FAILURE);
      // plain .cjs, below, can.
      const { diagnostics } = await typeCheck();
      expect(diagnostics.filter((d) => d.file === 'src/same.cts')).toEqual([]);
      expect(diagnostics.filter((d) => d.file === WRONG.cts)).toEqual([
        expect.objectContaining({
          text: expect.stringMatching(/^src\/wrong\.cts\(2,\d+\): error /),
        }),
      ]);
    },
    MINUTE,
  );

  it(
    'imports Plexus from .mjs, .cjs and .ts, all sharing the one core the runner uses',
    async () => {
      writeFileSync(
        join(project, 'same.mjs'),
        [
          "import { createRequire } from 'node:module';",
          "import { FromItems } from '@plexus/components';",
          "import { graph } from '@plexus/core';",
          "import { loadGraph } from '@plexus/runner';",
          "const required = createRequire(import.meta.url)('@plexus/core');",
          "const loaded = await loadGraph('flow.graph.yaml');",
          "const words = loaded.graph.components.find((c) => c.name === 'words');",
          "const shout = loaded.graph.components.find((c) => c.name === 'shout');",
          "const mine = await import('./src/shout.ts');",
          'console.log(required.graph === graph, words.definition === FromItems, shout.definition === mine.Shout);',
        ].join('\n'),
      );
      writeFileSync(
        join(project, 'same.cjs'),
        [
          "const { graph, runComponent } = require('@plexus/core');",
          "const { FromItems } = require('@plexus/components');",
          "runComponent(FromItems, {}, { params: { items: ['cjs'] } }).then(({ out }) =>",
          "  import('@plexus/core').then((esm) => console.log(out[0], esm.graph === graph)),",
          ');',
        ].join('\n'),
      );
      writeFileSync(
        join(project, 'same.ts'),
        [
          "import { box, defineComponent, runComponent } from '@plexus/core';",
          "import { z } from 'zod';",
          'const Twice = defineComponent({',
          "  name: 'Twice',",
          "  description: 'Doubles each number.',",
          "  inboxes: { in: box(z.number(), 'Numbers.') },",
          "  outboxes: { out: box(z.number(), 'Doubled.') },",
          '  async body({ inbox, outbox }) {',
          '    for await (const n of inbox.in) await outbox.out.send(n * 2);',
          '  },',
          '});',
          'const { out } = await runComponent(Twice, { in: [1, 2] });',
          'console.log(out.join(" "));',
        ].join('\n'),
      );
      const register = ['--import', '@plexus/host/register'];
      await expect(run('node', [...register, 'same.mjs'])).resolves.toMatchObject({
        stdout: 'true true true\n',
      });
      await expect(run('node', ['same.cjs'])).resolves.toMatchObject({ stdout: 'cjs true\n' });
      await expect(run('node', [...register, 'same.ts'])).resolves.toMatchObject({
        stdout: '2 4\n',
      });
    },
    MINUTE,
  );

  it(
    'finds the shipped schema: plexus schema, and the $schema line plexus convert writes',
    async () => {
      const { stdout } = await run('npx', ['plexus', 'schema']);
      expect(stdout.trim()).toBe(join(project, 'node_modules/@plexus/runner/graph.schema.json'));
      writeFileSync(join(project, 'hello.fbp'), "'hello' -> IN Out(core/Output)\n");
      await run('npx', ['plexus', 'convert', 'hello.fbp', '-o', 'hello.graph.yaml']);
      const [line] = readFileSync(join(project, 'hello.graph.yaml'), 'utf8').split('\n');
      expect(line).toBe(
        '# yaml-language-server: $schema=node_modules/@plexus/runner/graph.schema.json',
      );
      await expect(run('npx', ['plexus', 'check', 'flow.graph.yaml'])).resolves.toBeDefined();
    },
    MINUTE,
  );
});
