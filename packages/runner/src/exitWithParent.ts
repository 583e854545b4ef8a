/**
 * A runner never outlives the command that started it. Wrappers stand between a user and the
 * runner — `pnpm plexus run` is pnpm and a shell, `bin/plexus.mjs` run from source is a second
 * Node — and killing a wrapper (SIGKILL, which no handler sees; or SIGTERM to a shell, which
 * does not pass it on) would leave the runner running, with its worker threads and child
 * processes. So the runner watches the wrappers that started it and, when one is gone, stops
 * as for SIGTERM: the sources stop, what is in flight drains, and it exits, taking its threads
 * and processes with it (each child process exits when its own parent does).
 *
 * Which processes are wrappers: the `plexus` command, which starts a runner from source with an
 * IPC channel (its closing says the command is gone, however it died); and, when a package
 * manager started the runner (its environment has `npm_lifecycle_event`, as npm, pnpm and yarn
 * set for what they run), every ancestor up to and including the outermost package manager —
 * on Linux read from /proc, elsewhere the parent alone. A runner started from a shell watches
 * no shell: `nohup plexus run … &` outlives its terminal, as asked.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Says which wrapper is gone: `pnpm (pid 4242), which started this run`. */
export type GoneListener = (who: string) => void;

const listeners = new Set<GoneListener>();
let watching = false;
/** How often the wrappers are looked at. */
const EVERY_MS = 250;

/** Call `listener` instead of exiting when a wrapper is gone; returns the unsubscribe. */
export function onParentGone(listener: GoneListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Start watching the wrappers of this process (once; nothing to watch, nothing done). */
export function exitWithParent(): void {
  if (watching) return;
  watching = true;
  if (process.channel !== undefined && process.env.PLEXUS_EXIT_WITH_PARENT === '1') {
    process.on('disconnect', () => gone('the plexus command that started this run'));
    // The channel does not keep the runner alive otherwise.
    process.channel.unref();
  }
  if (process.env.npm_lifecycle_event === undefined) return;
  // Orphaned already, while its modules loaded: the wrapper died before it could be watched.
  if (process.ppid === 1) {
    setImmediate(() => gone('the command that started this run'));
    return;
  }
  const wrappers = wrappersOf();
  if (wrappers.length === 0) return;
  const timer = setInterval(() => {
    const dead = wrappers.find((wrapper) => !alive(wrapper));
    if (dead === undefined) return;
    clearInterval(timer);
    gone(`${dead.name} (pid ${dead.pid}), which started this run,`);
  }, EVERY_MS);
  timer.unref();
}

function gone(who: string): void {
  if (listeners.size === 0) process.exit(143);
  for (const listener of listeners) listener(who);
}

interface Wrapper {
  readonly pid: number;
  readonly name: string;
  /** When it started (/proc), so a pid used again by another process is not taken for it. */
  readonly start: string | undefined;
}

/** The wrappers to watch, nearest first (see the module comment). */
function wrappersOf(): Wrapper[] {
  const found: Wrapper[] = [];
  let pid = process.ppid;
  while (pid > 1 && found.length < 32) {
    const stat = readStat(pid);
    if (stat === undefined) {
      // No /proc: the parent alone, by whether it is still our parent.
      if (found.length === 0) found.push({ pid, name: 'the parent process', start: undefined });
      break;
    }
    found.push({ pid, name: nameOf(pid, stat.name), start: stat.start });
    if (!startedByPackageManager(pid)) break;
    pid = stat.ppid;
  }
  return found;
}

function alive(wrapper: Wrapper): boolean {
  if (wrapper.start === undefined) return process.ppid === wrapper.pid;
  const stat = readStat(wrapper.pid);
  return stat !== undefined && stat.start === wrapper.start && stat.state !== 'Z';
}

/** Fields of /proc/<pid>/stat: after the name in parentheses, state, ppid, … starttime (22nd). */
function readStat(
  pid: number,
): { name: string; state: string; ppid: number; start: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  return {
    name: text.slice(text.indexOf('(') + 1, close),
    state: fields[0]!,
    ppid: Number(fields[1]),
    start: fields[19]!,
  };
}

/** What a person would call the process: `pnpm`, `sh`, `npm`, rather than `node`. */
function nameOf(pid: number, fallback: string): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
    const program = basename(argv[0] ?? '');
    const script = argv[1] !== undefined && program === 'node' ? basename(argv[1]) : '';
    return (script !== '' && !script.startsWith('-') ? script : program) || fallback;
  } catch {
    return fallback;
  }
}

function startedByPackageManager(pid: number): boolean {
  try {
    const environ = `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`;
    return environ.includes('\0npm_lifecycle_event=');
  } catch {
    return false;
  }
}
