import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { Command, type CommandExit } from '@plexus/components';
import { box, defineComponent, graph, z } from '@plexus/core';
import { plexusNodeArgs } from '../../../../scripts/testing/plexusNodeArgs.ts';
import { collector, failure, feed, until } from '../net/helpers.ts';

const node = process.execPath;

/** Run a command with `stdin` fed from `input` (if given); collect each outbox. */
async function run(params: Record<string, unknown>, input?: unknown[]) {
  const g = graph('cmd');
  const stdout: unknown[] = [];
  const stderr: unknown[] = [];
  const exit: CommandExit[] = [];
  const cmd = g.add('cmd', Command, { params: params as never });
  if (input !== undefined) g.link(g.add('input', feed(input)).outbox('out'), cmd.inbox('stdin'));
  g.link(cmd.outbox('stdout'), g.add('stdout', collector(stdout)).inbox('in'));
  g.link(cmd.outbox('stderr'), g.add('stderr', collector(stderr)).inbox('in'));
  g.link(cmd.outbox('exit'), g.add('exit', collector(exit)).inbox('in'));
  const done = g.run();
  return { g, done, stdout, stderr, exit };
}

/** A script for `node -e`. */
const script = (code: string) => ({ command: node, args: ['-e', code] });

/** Is a process with this pid still alive (a zombie waiting to be reaped counts as dead)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

describe('Command', () => {
  test('stdin from the inbox, stdout as lines, then the exit status once the output is out', async () => {
    const upper = "process.stdin.on('data', (d) => process.stdout.write(String(d).toUpperCase()));";
    const { done, stdout, exit } = await run(script(upper), ['one\ntw', 'o\nthree', '\r\nfour']);
    await expect(done).resolves.toEqual({ status: 'completed' });
    expect(stdout).toEqual(['ONE', 'TWO', 'THREE', 'FOUR']);
    expect(exit).toEqual([{ code: 0, signal: null }]);
  });

  test('stderr has its own outbox; output text and bytes; env and cwd', async () => {
    const code =
      "process.stdout.write('out:' + process.env.PLEXUS_TEST + ':' + process.cwd()); process.stderr.write('warn\\nmore\\n');";
    const cwd = realpathSync(tmpdir());
    const text = await run({ ...script(code), output: 'text', env: { PLEXUS_TEST: 'yes' }, cwd });
    await text.done;
    expect(text.stdout.join('')).toBe(`out:yes:${cwd}`);
    expect(text.stderr.join('')).toBe('warn\nmore\n');
    const bytes = await run({
      ...script('process.stdout.write(Buffer.from([0, 1, 255]))'),
      output: 'bytes',
    });
    await bytes.done;
    expect(bytes.stdout).toHaveLength(1);
    expect(bytes.stdout[0]).toBeInstanceOf(Uint8Array);
    expect([...(bytes.stdout[0] as Uint8Array)]).toEqual([0, 1, 255]);
    const bare = await run({
      ...script('console.log(process.env.HOME ?? "none")'),
      inheritEnv: false,
    });
    await bare.done;
    expect(bare.stdout).toEqual(['none']);
  });

  test('a non-zero exit fails the run with ERR_COMMAND_EXIT quoting stderr, after reporting it', async () => {
    const { done, stdout, exit } = await run(
      script("console.log('partial'); console.error('disk full'); process.exit(3)"),
    );
    const error = await failure(done);
    expect(error).toMatchObject({ code: 'ERR_COMPONENT_FAILED', component: 'cmd' });
    expect(error.cause?.code).toBe('ERR_COMMAND_EXIT');
    expect(error.message).toContain('exited with code 3');
    expect(error.message).toContain('disk full');
    expect(error.message).toContain('failOnError: false');
    expect(stdout).toEqual(['partial']);
    expect(exit).toEqual([{ code: 3, signal: null }]);
  });

  test('with failOnError: false a non-zero exit is only reported', async () => {
    const { done, exit } = await run({ ...script('process.exit(7)'), failOnError: false });
    await expect(done).resolves.toEqual({ status: 'completed' });
    expect(exit).toEqual([{ code: 7, signal: null }]);
  });

  test('a program that cannot start fails the run with ERR_COMMAND_START', async () => {
    const { done } = await run({ command: 'plexus-no-such-program' });
    const error = await failure(done);
    expect(error.cause?.code).toBe('ERR_COMMAND_START');
    expect(error.message).toContain("could not start 'plexus-no-such-program'");
    expect(error.message).toContain('on PATH');
  });

  test('a program that exits without reading its stdin does not hang the component', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(80)}\n`);
    const { done, exit } = await run(script("console.log('bye')"), lines);
    await expect(done).resolves.toEqual({ status: 'completed' });
    expect(exit).toEqual([{ code: 0, signal: null }]);
  });

  test('a hard stop kills the child and waits for it: no orphan', async () => {
    const { g, done, stdout } = await run(
      script('console.log(process.pid); setInterval(() => {}, 1000)'),
    );
    await until(() => stdout.length > 0);
    const pid = Number(stdout[0]);
    expect(alive(pid)).toBe(true);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(alive(pid)).toBe(false);
  });

  test('a graceful stop ends stdin and lets the child finish its output', async () => {
    const Idle = defineComponent({
      name: 'Idle',
      description: 'Sends one line, then nothing until stopped.',
      outboxes: { out: box(z.string(), 'A line.') },
      async body({ outbox, signal }) {
        await outbox.out.send('last words\n');
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
    });
    const g = graph();
    const out: unknown[] = [];
    const exit: unknown[] = [];
    const cat = g.add('cat', Command, {
      params: script(
        "let all = ''; process.stdin.on('data', (d) => (all += d)); process.stdin.on('end', () => console.log('got: ' + all.trim()));",
      ),
    });
    g.link(g.add('idle', Idle).outbox('out'), cat.inbox('stdin'));
    g.link(cat.outbox('stdout'), g.add('out', collector(out)).inbox('in'));
    g.link(cat.outbox('exit'), g.add('exit', collector(exit)).inbox('in'));
    const done = g.run();
    await until(() => g.stats().links.some((l) => l.to === 'cat.stdin' && l.delivered === 1));
    await g.stop({ graceful: true, timeout: 10_000 });
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(out).toEqual(['got: last words']);
    expect(exit).toEqual([{ code: 0, signal: null }]);
  });

  test('a child does not outlive a process that exits without stopping its graph', async () => {
    const root = join(__dirname, '..', '..', '..', '..');
    const printed = execFileSync(
      process.execPath,
      [
        ...plexusNodeArgs(join(root, 'scripts', 'register-ts.mjs')),
        join(__dirname, 'fixtures', 'exitEarly.ts'),
      ],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    );
    const pid = Number(printed.trim());
    expect(pid).toBeGreaterThan(0);
    // SIGKILL was sent as the process exited; the kernel takes a moment to carry it out.
    await until(() => !alive(pid), 10_000, `process ${pid} to be gone`);
  });

  test('a child that ignores SIGTERM is killed with SIGKILL after killTimeout', async () => {
    const stubborn =
      "process.on('SIGTERM', () => {}); console.log(process.pid); setInterval(() => {}, 1000)";
    const { g, done, stdout } = await run({ ...script(stubborn), killTimeout: 200 });
    await until(() => stdout.length > 0);
    const pid = Number(stdout[0]);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(alive(pid)).toBe(false);
  });

  test('when nobody reads its output any more, the child is stopped (as by SIGPIPE)', async () => {
    const Take = defineComponent({
      name: 'Take',
      description: 'Keeps the first n lines, then ends.',
      inboxes: { in: box(z.any(), 'Lines.') },
      outboxes: { out: box(z.any(), 'The first n.') },
      params: z.object({ n: z.number() }),
      async body({ inbox, outbox, params }) {
        let taken = 0;
        for await (const line of inbox.in) {
          await outbox.out.send(line);
          if (++taken === params.n) return;
        }
      },
    });
    const g = graph();
    const lines: unknown[] = [];
    const yes = g.add('yes', Command, {
      params: script(
        "console.log(process.pid); for (;;) process.stdout.write('y\\n'.repeat(1000))",
      ),
    });
    const take = g.add('take', Take, { params: { n: 5 } });
    g.link(yes.outbox('stdout'), take.inbox('in'));
    g.link(take.outbox('out'), g.add('out', collector(lines)).inbox('in'));
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(lines.slice(1)).toEqual(['y', 'y', 'y', 'y']);
    expect(alive(Number(lines[0]))).toBe(false);
    expect(g.stats().components.find((c) => c.name === 'yes')).toMatchObject({
      state: 'stopped',
      reason: 'downstream-ended',
    });
  });

  test('backpressure: a slow reader makes a chatty child wait instead of filling memory', async () => {
    let taken = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const Slow = defineComponent({
      name: 'Slow',
      description: 'Takes one line, waits for the gate, then takes the rest.',
      inboxes: { in: box(z.any(), 'Lines.') },
      async body({ inbox }) {
        for await (const _ of inbox.in) {
          taken++;
          await gate;
        }
      },
    });
    const g = graph('bp', { capacity: 4 });
    const progress: unknown[] = [];
    // The child reports on stderr how many lines it has managed to write to stdout.
    const chatty = g.add('chatty', Command, {
      params: script(
        "let n = 0; const more = () => { while (n < 200000) { n++; if (!process.stdout.write('line ' + n + '\\n')) { process.stderr.write(n + '\\n'); return process.stdout.once('drain', more); } } }; more();",
      ),
    });
    g.link(chatty.outbox('stdout'), g.add('slow', Slow).inbox('in'));
    g.link(chatty.outbox('stderr'), g.add('progress', collector(progress)).inbox('in'));
    const done = g.run();
    await until(() => taken > 0 && progress.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Stalled: the child could write only what the pipe and a few links hold.
    const written = Number(progress.at(-1));
    expect(written).toBeLessThan(100_000);
    release();
    await expect(done).resolves.toEqual({ status: 'completed' });
    expect(taken).toBe(200_000);
  });
});
