/**
 * V8's allocation-site pretenuring, turned off in a process once it starts a thread for units.
 *
 * V8 watches where objects are made: once most of what one site made outlived a scavenge, it
 * makes that site's objects in the old generation from then on. A unit's thread has a young
 * generation of 1 MB semi-spaces (launchWorker.ts), so a burst of messages held for a moment
 * (a batch waiting for credits, an inbox filling while the thread starts) can get a sender's
 * hottest site pretenured, for the rest of the run: every message it makes then goes straight
 * to the old generation, where nothing frees it until a full collection, and V8 lets the old
 * generation grow to ~4× what the last one kept. A source on a worker sending 3M records to a
 * slow sink on another held 9 MB alive and 35–40 MB of old generation in about one run in six
 * (the tree's peak 122–128 MB against 98–101 MB); child processes run with the same flag for
 * the same reason (childArgv.ts of `@plexus/process`).
 *
 * V8's flags belong to the process, not to one thread (a `Worker`'s `execArgv` takes no V8
 * flags), so this thread's own allocations lose pretenuring too: their messages are then copied
 * once more before they settle in the old generation, which the link benchmarks did not show.
 * A program that names the flag itself (`--allocation-site-pretenuring` on the command line or
 * in `NODE_OPTIONS`) keeps its choice.
 */
import { setFlagsFromString } from 'node:v8';

let decided = false;

/** Whether a program's own options say anything about pretenuring. */
export function namesPretenuring(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): boolean {
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((option) =>
    /^--(no-)?allocation[-_]site[-_]pretenuring(=|$)/.test(option),
  );
}

/** Turn V8's allocation-site pretenuring off for this process, once, unless the program named it. */
export function stopPretenuring(): void {
  if (decided) return;
  decided = true;
  if (!namesPretenuring(process.execArgv, process.env.NODE_OPTIONS))
    setFlagsFromString('--no-allocation-site-pretenuring');
}
