/**
 * Command: an external program as a component — stdin from an inbox, stdout and stderr to
 * outboxes, and its exit status reported. The child never outlives the component.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { sendAll } from '../net/connection.ts';
import { chunk, decoder, drainReadable, endWritable, writeChunk } from '../net/streams.ts';

/** Children still running, killed if this process exits before their components stopped them. */
const live = new Set<ChildProcess>();
let exitHook = false;

function track(child: ChildProcess): void {
  live.add(child);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const running of live) {
      try {
        running.kill('SIGKILL');
      } catch {}
    }
  });
}

const exitStatus = z.object({
  code: z.number().int().nullable().describe('The exit code, or null when a signal ended it.'),
  signal: z.string().nullable().describe('The signal that ended it (e.g. SIGTERM), or null.'),
});

/**
 * What Command reports on its `exit` outbox.
 *
 * The exit code, or the signal that ended the program (each `null` when the other applies).
 * A non-zero exit fails the component with `ERR_COMMAND_EXIT` unless told otherwise.
 *
 * @example
 * ```ts
 * import type { CommandExit } from '@plexus/components';
 *
 * export const describeExit = (e: CommandExit) =>
 *   e.signal !== null ? `killed by ${e.signal}` : `exited with ${e.code}`;
 * ```
 */
export type CommandExit = z.output<typeof exitStatus>;

/** How much of stderr's end an ERR_COMMAND_EXIT message quotes. */
const STDERR_TAIL = 2000;

/**
 * Runs an external command as a component: what arrives on `stdin` is written to its standard
 * input, its standard output and error are sent on `stdout` and `stderr`, and its exit status
 * on `exit`.
 *
 * The command starts when the graph runs (no shell: `command` is the program, `args` its
 * arguments; a program that cannot be started fails the component with `ERR_COMMAND_START`).
 * When `stdin` ends (or if nothing is linked to it) the child's standard input is closed.
 * Output is sent as lines (default; without their line ends), as text chunks, or as bytes
 * (`output`), with backpressure: while an outbox's link is full the pipe is not read, so a
 * chatty child blocks rather than filling memory. Outboxes left unlinked discard what they
 * would carry. Once the child has exited and its output is drained, `{ code, signal }` is sent
 * on `exit` and the component ends; a non-zero code or a signal then fails it with
 * `ERR_COMMAND_EXIT` (quoting the end of stderr) unless `failOnError` is false. Stopping the
 * component — a stop, a failure elsewhere, or nobody reading its output any more — sends the
 * child SIGTERM, then SIGKILL after `killTimeout`, and waits for it to exit: no orphans. (Only
 * the child is signalled; a command that starts its own children must pass signals on.)
 *
 * @example
 * ```ts
 * import { runComponent } from '@plexus/core';
 * import { Command } from '@plexus/components';
 *
 * const { stdout, exit } = await runComponent(
 *   Command,
 *   { stdin: ['pear\n', 'apple\n', 'fig\n'] },
 *   { params: { command: 'sort' } },
 * );
 * // stdout: ['apple', 'fig', 'pear'], exit: [{ code: 0, signal: null }]
 * ```
 */
export const Command = defineComponent({
  name: 'Command',
  description:
    'Runs an external program: its stdin from an inbox, its stdout and stderr to outboxes, and its exit status reported.',
  inboxes: {
    stdin: box(
      chunk,
      "Data for the program's standard input (strings as UTF-8); when it ends, stdin is closed.",
      { optional: true },
    ),
  },
  outboxes: {
    stdout: box(chunk, "The program's standard output: lines, text or bytes, as output says.", {
      optional: true,
    }),
    stderr: box(chunk, "The program's standard error: lines, text or bytes, as output says.", {
      optional: true,
    }),
    exit: box(
      exitStatus,
      'Once, after the program exited and its output was sent: { code, signal }.',
      {
        optional: true,
      },
    ),
  },
  params: z.object({
    command: z.string().min(1).describe('The program to run (found on PATH), without a shell.'),
    args: z.array(z.string()).default([]).describe('Its arguments.'),
    cwd: z.string().optional().describe('Working directory (default: this process’s).'),
    env: z
      .record(z.string(), z.string())
      .default({})
      .describe('Environment variables to set, on top of the inherited ones.'),
    inheritEnv: z
      .boolean()
      .default(true)
      .describe('Start from this process’s environment (true) or from env alone (false).'),
    output: z
      .enum(['lines', 'text', 'bytes'])
      .default('lines')
      .describe(
        "How stdout and stderr are sent: 'lines' (strings without line ends), 'text' (UTF-8 chunks) or 'bytes' (Uint8Array chunks).",
      ),
    failOnError: z
      .boolean()
      .default(true)
      .describe('Fail the component when the program exits with a non-zero code or is killed.'),
    killTimeout: z
      .number()
      .min(0)
      .default(2000)
      .describe('On stop: milliseconds between SIGTERM and SIGKILL.'),
  }),
  async body({ inbox, outbox, params, signal, name, self }) {
    const who = { name, type: self.definition.name };
    const commandLine = [params.command, ...params.args].join(' ');
    const child = spawn(params.command, params.args, {
      ...(params.cwd === undefined ? {} : { cwd: params.cwd }),
      env: params.inheritEnv ? { ...process.env, ...params.env } : { ...params.env },
      stdio: 'pipe',
      windowsHide: true,
    });
    const exited = new Promise<CommandExit>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const started = await new Promise<Error | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', resolve);
    });
    if (started !== undefined) throw Errors.commandStart(who, params.command, started);
    track(child);
    child.on('error', ignore); // e.g. a kill that fails: the exit is what counts
    child.stdin.on('error', ignore); // EPIPE: the program stopped reading

    let killer: ReturnType<typeof setTimeout> | undefined;
    const terminate = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      killer ??= setTimeout(() => child.kill('SIGKILL'), params.killTimeout);
    };
    signal.addEventListener('abort', terminate);
    if (signal.aborted) terminate(); // stopped while it was starting

    // stdin: written as it arrives, closed when the inbox ends (or the program stops reading).
    const input = inbox.stdin;
    const feeding = (async () => {
      copy: while (await input.wait()) {
        while (input.dataReady()) {
          const written = writeChunk(child.stdin, input.recv(), signal);
          if (written === false || (written !== true && !(await written))) break copy;
        }
      }
      await endWritable(child.stdin, signal);
    })();
    feeding.catch(ignore); // a stop interrupts its wait; the program may exit before it ends

    let tail = '';
    const pump = async (stream: Readable, out: typeof outbox.stdout, keep: boolean) => {
      const decode = decoder(params.output);
      const result = await drainReadable(stream, signal, (data) => {
        if (keep) tail = (tail + data.toString('utf8')).slice(-STDERR_TAIL);
        return sendAll(out, decode.push(data));
      });
      if (result.how !== 'aborted') await sendAll(out, decode.end());
    };

    try {
      await Promise.all([
        pump(child.stdout, outbox.stdout, false),
        pump(child.stderr, outbox.stderr, true),
      ]);
      if (signal.aborted) return; // the finally block kills it and waits for it
      const status = await exited;
      if (signal.aborted) return;
      await outbox.exit.send(status);
      if (params.failOnError && (status.code !== 0 || status.signal !== null))
        throw Errors.commandExit(who, commandLine, status.code, status.signal, tail.trimEnd());
    } finally {
      signal.removeEventListener('abort', terminate);
      terminate();
      await exited;
      if (killer !== undefined) clearTimeout(killer);
      live.delete(child);
      child.stdin.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
    }
  },
});

function ignore(): void {}
