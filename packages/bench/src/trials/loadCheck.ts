/**
 * The load trial, run in a fresh process: `plexus check` on one graph file, as the command
 * runs it (load, resolve, check, build the graph), with its output thrown away. Reports how
 * long the command took and the process's peak resident memory.
 */
import { main } from '@plexus/runner';

/** What one load trial measured. */
export interface LoadFigures {
  /** From calling the command to its exit code. */
  readonly ms: number;
  /** The process's peak resident set size, Node and its modules included. */
  readonly peakRssMb: number;
}

/** Run `plexus check path` in this process; throws if the check does not pass. */
export async function loadCheck({ path }: { path: string }): Promise<LoadFigures> {
  const problems: string[] = [];
  const start = performance.now();
  const code = await main(['check', path], {
    out: () => {},
    err: (text) => void problems.push(text),
    color: false,
  });
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`plexus check ${path} exited ${code}: ${problems.join('\n')}`);
  return { ms, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}
