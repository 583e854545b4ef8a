/**
 * Node options for a thread or process that runs one of the suite's own TypeScript files (a
 * trial, a baseline's other end): Plexus's host options, and, when Plexus loads from its build
 * (the suite started without `--conditions=@plexus/source`, as the tests start it once the build
 * is fresh), the hooks that compile the file, which Plexus's options then leave out.
 */
import { fromSource, hostExecArgv } from '@plexus/host';

/** The options to start a thread or process on a TypeScript file of this suite with. */
export function scriptArgv(): string[] {
  return fromSource ? hostExecArgv() : ['--import', '@plexus/host/register', ...hostExecArgv()];
}
