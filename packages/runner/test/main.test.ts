/**
 * The `plexus` command line: help on every command, usage errors, exit codes, plain output
 * when not on a terminal. Most run in this process through `main`; runs spawn the command.
 */
import { readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { main } from '@plexus/runner';
import { fixtures, plexus } from './support/plexus.ts';

async function capture(
  argv: string[],
  color = false,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => {
      out += text.endsWith('\n') ? text : `${text}\n`;
    },
    err: (text) => {
      err += text.endsWith('\n') ? text : `${text}\n`;
    },
    color,
  });
  return { code, out, err };
}

const shout = join(fixtures, 'shout.graph.yaml');

describe('plexus', () => {
  it.each([
    ['run', '--backend'],
    ['check', '<graph...>'],
    ['draw', '--output'],
    ['components', '[module]'],
    ['convert', '<file>'],
    ['schema', '--print'],
  ])('%s --help says how to use it and exits 0', async (command, mentions) => {
    const { code, out } = await capture([command, '--help']);
    expect(code).toBe(0);
    expect(out).toContain(`Usage: plexus ${command}`);
    expect(out).toContain(mentions);
  });

  it('run --help says exit 1 covers every failed run, a deadlock or stall included', async () => {
    const { out } = await capture(['run', '--help']);
    expect(out).toMatch(
      /1 the run failed \(a component or unit failed, the graph deadlocked or stalled\)/,
    );
  });

  it('--help lists every command', async () => {
    const { code, out } = await capture(['--help']);
    expect(code).toBe(0);
    for (const command of ['run', 'check', 'draw', 'components', 'convert'])
      expect(out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('exits 2 on an unknown command or option, and says so', async () => {
    const unknown = await capture(['walk', shout]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'walk'");
    const backend = await capture(['run', shout, '--backend', 'gpu']);
    expect(backend.code).toBe(2);
    expect(backend.err).toMatch(/'gpu' is invalid.*inline, worker, process/);
  });

  it('check says ok and exits 0 for a good graph file', async () => {
    const { code, out } = await capture(['check', shout]);
    expect(code).toBe(0);
    expect(out).toMatch(/shout\.graph\.yaml: ok/);
  });

  it('check prints file:line:column: message without colour off a terminal, and exits 2', async () => {
    const bad = join(fixtures, 'malformed', 'unknown-inbox.graph.yaml');
    const { code, err } = await capture(['check', shout, bad]);
    expect(code).toBe(2);
    expect(err).toContain(
      "unknown-inbox.graph.yaml:6:24: component 'print' has no inbox 'input'; its inboxes are: 'in'",
    );
    expect(err).not.toContain('\x1b[');
    expect(err).toContain('1 problem found.');
  });

  it('check paints the place bold and the message red on a terminal', async () => {
    const bad = join(fixtures, 'malformed', 'unknown-inbox.graph.yaml');
    const { err } = await capture(['check', bad], true);
    expect(err).toContain('\x1b[1m');
    expect(err).toContain('\x1b[31m');
    expect(stripVTControlCharacters(err)).toContain(
      "unknown-inbox.graph.yaml:6:24: component 'print'",
    );
  });

  it('components lists a module’s components with their boxes, schemas and params', async () => {
    const { code, out } = await capture(['components', join(fixtures, 'parts.ts')]);
    expect(code).toBe(0);
    expect(out).toContain('Words');
    expect(out).toContain('Sends each of its words, then ends.');
    expect(out).toMatch(/prefix/);
    expect(out).toMatch(/in.*string/);
    expect(out).not.toContain('notAComponent');
  });

  it('components names what it cannot find', async () => {
    const { code, err } = await capture(['components', './no/such/module.ts']);
    expect(code).toBe(2);
    expect(err).toContain('there is no file ./no/such/module.ts');
  });

  it('schema --print prints the JSON Schema the package ships', async () => {
    const path = (await capture(['schema'])).out.trim();
    const printed = (await capture(['schema', '--print'])).out;
    expect(printed).toBe(readFileSync(path, 'utf8'));
    expect(JSON.parse(printed).title).toBe('Plexus graph file');
  });
});

describe('plexus run', () => {
  it('runs a graph file to completion and exits 0', async () => {
    const { code, stdout } = await plexus(['run', shout]);
    expect(code).toBe(0);
    expect(stdout).toBe('> HELLO\n> FLOW\n> WORLD\n');
  });

  it('--set changes a param, read as YAML', async () => {
    const { code, stdout } = await plexus(['run', shout, '--set', 'words.words=[one, two]']);
    expect(code).toBe(0);
    expect(stdout).toBe('> ONE\n> TWO\n');
  });

  it('--set naming no component exits 2 and names the one meant', async () => {
    const { code, stderr } = await plexus(['run', shout, '--set', 'wrds.words=[x]']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "plexus run: --set 'wrds.words=[x]': the graph has no component 'wrds'; did you mean 'words'?\n",
    );
  });

  it('exits 2 with located diagnostics for a bad graph file', async () => {
    const { code, stderr } = await plexus([
      'run',
      join(fixtures, 'malformed', 'unknown-param.graph.yaml'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown-param.graph.yaml:5:15: params of component 'print'");
  });

  it('exits 1 when a component fails, naming it', async () => {
    const { code, stderr } = await plexus(['run', join(fixtures, 'fails.graph.yaml')]);
    expect(code).toBe(1);
    expect(stderr).toContain('fragile');
    expect(stderr).toContain('Fragile met the word boom.');
  });

  it('--stats prints each link’s counts on stderr at the end', async () => {
    const { code, stderr } = await plexus(['run', shout, '--stats']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^link\s+sent\s+msgs\/s\s+queued\s+hosts$/m);
    // Every line names the hosts of its ends: here, this one for both.
    const here = hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(stderr).toMatch(
      new RegExp(`^words\\.out -> shout\\.in\\s+3\\s+[\\d,]+\\s+0/64\\s+${here} -> ${here}$`, 'm'),
    );
    expect(stderr).toMatch(/^shout\.out -> print\.in\s+3\s/m);
  });

  it('--checked runs in checked mode', async () => {
    const { code, stdout } = await plexus(['run', shout, '--checked']);
    expect(code).toBe(0);
    expect(stdout).toBe('> HELLO\n> FLOW\n> WORLD\n');
  });

  it('resolves a child process’s cwd and sandbox paths against the graph file, not the shell', async () => {
    const sandboxed = join(fixtures, 'sandboxed.graph.yaml');
    const allowed = await plexus(['run', sandboxed], {}, tmpdir());
    expect(allowed.stdout).toBe('the allowed words\n');
    expect(allowed.code).toBe(0);
    const outside = join(__dirname, '..', 'package.json');
    const denied = await plexus(['run', sandboxed, '--set', `read.path=${outside}`]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("Component 'read' (ReadText, process");
    expect(denied.stderr).toContain(`was denied FileSystemRead access to ${outside}`);
  }, 60_000);

  it.each([['inline'], ['worker']])(
    '--backend %s keeps a sandboxed component in its sandbox, and says so',
    async (backend) => {
      const outside = join(__dirname, '..', 'package.json');
      const { code, stdout, stderr } = await plexus([
        'run',
        join(fixtures, 'sandboxed.graph.yaml'),
        '--backend',
        backend,
        '--set',
        `read.path=${outside}`,
      ]);
      expect(stdout).not.toContain('@plexus/runner');
      expect(code).toBe(1);
      expect(stderr).toContain(
        `plexus: 'read' stays on the process backend, not on --backend ${backend}: it asks for a permission sandbox (options.permissions), which only the process backend enforces`,
      );
      expect(stderr).toContain(`was denied FileSystemRead access to ${outside}`);
    },
    60_000,
  );

  it.each([['inline'], ['worker']])(
    '--backend %s leaves out the options that backend does not read, and says which',
    async (backend) => {
      const file = join(fixtures, 'process-options.graph.yaml');
      const { code, stdout, stderr } = await plexus(['run', file, '--backend', backend]);
      expect({ code, stdout }).toEqual({ code: 0, stdout: 'CAPPED\nHEAP\n' });
      expect(stderr).toBe(
        `plexus: 'shout' runs on --backend ${backend} without its options 'memoryMb', 'youngMb', which that backend does not read\n`,
      );
    },
    60_000,
  );

  it('--backend keeps a sandboxed graph file used as a component, and all inside it, sandboxed', async () => {
    const { code, stdout, stderr } = await plexus([
      'run',
      join(fixtures, 'sandboxed-composite.graph.yaml'),
      '--backend',
      'inline',
    ]);
    expect(stdout).not.toContain('@plexus/runner');
    expect(code).toBe(1);
    expect(stderr).toContain("plexus: 'inner' stays on the process backend");
    expect(stderr).toMatch(/Component 'inner\/read' \(ReadText, process \d+\) was denied/);
  }, 60_000);

  it('refuses, before running, a component that would leave the sandbox it is placed in', async () => {
    const moved = join(fixtures, 'sandbox-moved.graph.yaml');
    const expected =
      "Component 'inner/read' (ReadText) asks for a permission sandbox (options.permissions, from the composite it is in), but it is placed on backend 'worker', which cannot enforce one";
    const run = await plexus(['run', moved]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`plexus run: ${expected}`);
    const check = await plexus(['check', moved]);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain(`sandbox-moved.graph.yaml: ${expected}`);
  }, 60_000);

  it('reads path params relative to the graph file, and --set paths relative to the shell', async () => {
    const graph = join(fixtures, 'read-text.graph.yaml');
    const fromElsewhere = await plexus(['run', graph], {}, tmpdir());
    expect(fromElsewhere.stdout).toBe('the allowed words\n');
    const set = await plexus(
      ['run', graph, '--set', 'read.path=fixtures/data/other.txt'],
      {},
      join(__dirname),
    );
    expect(set.stdout).toBe('other words\n');
  }, 60_000);
});
