/**
 * What `plexus run` prints when a run fails: the error's sentence, then the stack frames that
 * are the user's. Frames inside Plexus itself (its packages, or the bundle a child process runs)
 * and inside Node are left out, so what is printed ends at the line in the component that threw;
 * an error with no such frame (a deadlock) is its sentence alone. `--verbose` prints every frame,
 * and the error's causes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Output, paint } from '../output.ts';

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** The packages whose frames are Plexus's own (the standard components are user-facing code). */
const RUNTIME = [
  '@plexus/core',
  '@plexus/host',
  '@plexus/worker',
  '@plexus/process',
  '@plexus/nats',
];
/** The bundle a process backend's child runs: `…/plexus-bundles-<pid>-…/unit-<key>.mjs`. */
const UNIT_BUNDLE = /[\\/]plexus-bundles-\d+-[^\\/]+[\\/]unit-[^\\/]+\.mjs$/;
/** Most frames printed without --verbose. */
const FRAMES = 8;

let roots: string[] | undefined;

/** Print `error`, a run's failure, to stderr: in full with `verbose`, else only the user's frames. */
export function printFailure(output: Output, error: Error, verbose: boolean): void {
  output.err(paint(output, 'red', `plexus: ${error.message}`));
  const frames = framesOf(error);
  const shown = verbose ? frames : userFrames(error).slice(0, FRAMES);
  if (shown.length > 0) output.err(paint(output, 'dim', shown.join('\n')));
  if (!verbose) return;
  let above = frames.join('\n');
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) {
    const own = framesOf(cause).join('\n');
    const heading = `cause: ${cause.name}: ${cause.message}`;
    output.err(paint(output, 'dim', own === above || own === '' ? heading : `${heading}\n${own}`));
    above = own;
  }
}

/** The stack frames of `error` in the user's code: Plexus's and Node's left out. */
export function userFrames(error: Error): string[] {
  return framesOf(error).filter((frame) => !internal(frame));
}

function framesOf(error: Error): string[] {
  return (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
}

/** A frame in Plexus's runtime, in Node, or with no file at all (`new Promise (<anonymous>)`). */
function internal(frame: string): boolean {
  const match = /\((.+):\d+:\d+\)$/.exec(frame) ?? /at (\S+):\d+:\d+$/.exec(frame);
  if (match === null) return true;
  let file = match[1]!;
  if (file.startsWith('node:')) return true;
  if (file.startsWith('file:')) file = fileURLToPath(file);
  if (UNIT_BUNDLE.test(file)) return true;
  roots ??= runtimeRoots();
  return roots.some((root) => file.startsWith(root));
}

/** The code folders of Plexus's runtime packages, wherever they are installed (`…/src/`, `…/dist/`). */
function runtimeRoots(): string[] {
  const require = createRequire(join(here, 'printFailure.js'));
  const found = [packageRoot(here)];
  for (const name of RUNTIME) {
    try {
      found.push(packageRoot(dirname(require.resolve(name))));
    } catch {
      // Not installed here: it ran nothing.
    }
  }
  return found.flatMap((root) => [join(root, 'src') + sep, join(root, 'dist') + sep]);
}

/** The nearest folder at or above `dir` with a package.json. */
function packageRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) return dir;
  }
}
