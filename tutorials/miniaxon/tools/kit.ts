/**
 * What a step's spec is made of — a list of checks, each a sentence and an async function —
 * and the helpers the checks use. The `tutorial` command and the jest tests share them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, inspect, isDeepStrictEqual } from 'node:util';
import { plexusBin, poemFile, tutorialDir } from './paths.ts';

/** What a check knows about where it runs. */
export interface Context {
  /** The folder holding the files under test: `work/`, `answers/` or `starters/`. */
  readonly dir: string;
  /** tutorials/miniaxon, where `plexus` runs. */
  readonly tutorialDir: string;
  /** The text file the programs of steps 6–9 read. */
  readonly poemFile: string;
  /** The `plexus` command. */
  readonly plexusBin: string;
}

/** One behaviour, said in plain words, and how to see it. */
export interface Check<M> {
  /** Says what the code does when the check passes: "runs every microprocess to its end". */
  readonly name: string;
  /** Throws a {@link Problem} (or anything) when the code does not do it. */
  readonly run: (module: M, context: Context) => Promise<void> | void;
}

/** One step of the tutorial: its files, its checks, and the program its page discusses. */
export interface Step<M = any> {
  readonly number: number;
  /** Its folder under steps/, e.g. `02-scheduler`. */
  readonly slug: string;
  readonly title: string;
  /** The files the exercise asks for; the first is the one the checks load. */
  readonly files: readonly string[];
  /** How long one check may run before it counts as stuck (default 3 s). */
  readonly timeoutMs?: number;
  /** Loads the files under test from `context.dir`. */
  readonly load: (context: Context) => Promise<M>;
  readonly checks: readonly Check<M>[];
  /** Runs the program the page's discussion shows, printing what it prints. */
  readonly demo: (module: M, context: Context) => Promise<void>;
}

/** Declares a step (only for the types). */
export function defineStep<M>(step: Step<M>): Step<M> {
  return step;
}

/** A check that did not pass, said in plain words. */
export class Problem extends Error {
  override name = 'Problem';
}

/** The context for files in `dir`. */
export function contextFor(dir: string): Context {
  return { dir, tutorialDir, poemFile, plexusBin };
}

/** Imports `file` from `dir` (as CommonJS under jest, as an ES module under Node). */
export async function importFrom<M>(dir: string, file: string): Promise<M> {
  const path = join(dir, file);
  return (await import(typeof require === 'function' ? path : pathToFileURL(path).href)) as M;
}

/** Shows a value the way a reader would write it. */
export function show(value: unknown): string {
  return inspect(value, { breakLength: Number.POSITIVE_INFINITY, depth: 4 });
}

/** Fails with "<what>: expected …, but got …" unless the two are deeply equal. */
export function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Problem(`${what}: expected ${show(expected)}, but got ${show(actual)}.`);
  }
}

/** Fails with `message` unless `condition` holds. */
export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Problem(message);
}

/**
 * Runs `run` with console.log captured: what it printed comes back as lines. console.log is
 * put back however `run` ends.
 */
export async function captureLog<T>(
  run: () => Promise<T> | T,
): Promise<{ lines: string[]; value: T }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(format(...args));
  };
  try {
    const value = await run();
    return { lines, value };
  } finally {
    console.log = log;
  }
}

/** How one check went. */
export interface Outcome {
  readonly name: string;
  readonly passed: boolean;
  /** Why it did not pass, in plain words. */
  readonly problem?: string;
}

/** The result of running a step's checks. */
export interface StepResult {
  /** Set when the files could not even be loaded; then no check ran. */
  readonly loadProblem?: string;
  readonly outcomes: Outcome[];
}

/**
 * Runs a step's checks, from check number `from` on, against the files in `context.dir`,
 * one at a time, each with a time limit.
 */
export async function runChecks(
  step: Step,
  context: Context,
  options: {
    from?: number;
    onOutcome?: (outcome: Outcome, index: number) => void | Promise<void>;
  } = {},
): Promise<StepResult> {
  let module: unknown;
  try {
    module = await step.load(context);
  } catch (error) {
    return { loadProblem: describeFailure(error, context.dir), outcomes: [] };
  }
  const outcomes: Outcome[] = [];
  const limit = step.timeoutMs ?? 3000;
  for (let index = options.from ?? 0; index < step.checks.length; index++) {
    const check = step.checks[index]!;
    let outcome: Outcome;
    try {
      await within(
        Promise.resolve().then(() => check.run(module, context)),
        limit,
      );
      outcome = { name: check.name, passed: true };
    } catch (error) {
      outcome = { name: check.name, passed: false, problem: describeFailure(error, context.dir) };
    }
    outcomes.push(outcome);
    await options.onOutcome?.(outcome, index);
  }
  return { outcomes };
}

/** Says, in plain words, what went wrong in a check. */
export function describeFailure(error: unknown, dir: string): string {
  if (error instanceof Problem) return error.message;
  if (!(error instanceof Error)) return `your code threw ${show(error)}.`;
  const where = whereInFolder(error, dir);
  return `your code threw ${error.name}: ${error.message}${where === undefined ? '' : ` (at ${where})`}`;
}

/** The first stack frame in `dir`, as a path from where you are: `work/scheduler.ts:12:7`. */
function whereInFolder(error: Error, dir: string): string | undefined {
  for (const line of (error.stack ?? '').split('\n')) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (match === null) continue;
    const file = match[1]!.replace(/^file:\/\//, '');
    if (file.startsWith(dir + sep))
      return `${relative(process.cwd(), file)}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** Resolves as `promise` does, or rejects with a {@link Problem} after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Problem(`it did not finish within ${ms / 1000} s. ${STUCK_HINT}`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a check that never finishes usually means. */
export const STUCK_HINT =
  'Usually a loop waits for something without yielding (so nothing else can run), or a microprocess never ends.';

/** Steps through a microprocess-like object `times` times, collecting what each step resolved. */
export async function stepTimes(
  microprocess: { step(): Promise<boolean> },
  times: number,
): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let i = 0; i < times; i++) results.push(await microprocess.step());
  return results;
}

/** Runs `use` with a scratch text file holding `text`, removed afterwards. */
export async function withFile<T>(text: string, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'miniaxon-'));
  try {
    const path = join(dir, 'text.txt');
    await writeFile(path, text);
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What poem.txt looks like shouted: the output of steps 6–9. */
export const SHOUTED: readonly string[] = [
  'SMALL PROGRAMS',
  'THAT ONLY TALK THROUGH BOXES',
  'CAN RUN ANYWHERE',
];

/** How a command ended. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <args>` in `cwd` and collects its output (killed after `timeoutMs`). */
export function runNode(
  args: readonly string[],
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
