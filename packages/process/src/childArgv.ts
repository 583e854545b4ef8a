/**
 * How a child process is started and how its end is told: the Node and V8 flags it runs with
 * (its young and old generations, its memory cap, its permission sandbox, profiling), and the words for
 * the way it exited.
 */
import type { UnitPlan } from '@plexus/core/backend';
import { cpuProfileArgv } from '@plexus/host';
import type { ProcessOptions } from './processOptions.ts';
import { sandboxArgv } from './sandbox.ts';

/**
 * A child's young-generation semi-spaces, in MB, unless its placement says (`youngMb`). V8's
 * default lets them grow to 16 MB each, which a child streaming small messages reached within
 * a second and kept. Smaller, more of a fast sender's batched messages live through a
 * scavenge, and V8 then allocates them in the old generation from the start (allocation-site
 * pretenuring), where they pile up until a full collection (a sender's old space reached 30 MB);
 * so children also run with pretenuring off. Both together: ~25 MB less per streaming child,
 * and process-link ran as fast or faster (458k–553k against 391k msgs/s, one noisy hour).
 */
const YOUNG_MB = 1;
/**
 * A child's old generation is collected once it has grown by this many percent over what the
 * last full collection kept, and by at least 2 MB (`--optimize-for-size`; V8's default step is
 * 8 MB, its factor up to 4×). A slow consumer's inbox and backlog hold up to twice the link's
 * capacity of decoded messages, which outlive a 1 MB young generation's scavenges: ~350 KB a
 * second was promoted, and the sink's heap grew from ~7 MB to ~16 MB before V8 collected
 * it. Source and sink processes, 10M records into the slow sink, peak RSS of the larger child:
 * 62.9-63.7 MB before, 59.4-61.8 after (three rounds each); process-link at the default
 * capacity moved within the noise (433k-674k msgs/s before, 514k-615k after, load ~9).
 */
const OLD_GROWTH_PERCENT = 20;
/** The flags a child for `bundle` runs with. */
export function execArgv(
  bundle: string,
  options: ProcessOptions,
  components: UnitPlan['components'],
): string[] {
  // Stacks point at the components' own files through @plexus/host's mapStacks, which reads the source
  // map when a stack is first formatted (--enable-source-maps would decode it all at start).
  // A small young generation, and no pretenuring: see YOUNG_MB.
  const flags = [
    '--disable-warning=ExperimentalWarning',
    `--max-semi-space-size=${options.youngMb ?? YOUNG_MB}`,
    '--no-allocation-site-pretenuring',
    // One V8 helper thread, not four: each keeps stacks and malloc arenas (~2-3 MB a child).
    '--v8-pool-size=1',
    // Old space collected sooner: see OLD_GROWTH_PERCENT.
    '--optimize-for-size',
    `--heap-growing-percent=${OLD_GROWTH_PERCENT}`,
    ...cpuProfileArgv(),
  ];
  if (options.memoryMb !== undefined) flags.push(`--max-old-space-size=${options.memoryMb}`);
  if (options.permissions !== undefined)
    flags.push(...sandboxArgv(bundle, options.permissions, components));
  return flags;
}

/** How a child ended, for the error that fails the graph: out of memory, aborted, killed, or its exit code. */
export function describeExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  options: ProcessOptions,
): string {
  if (/heap out of memory|Allocation failed/i.test(stderr)) {
    return options.memoryMb === undefined
      ? 'ran out of memory'
      : `ran out of memory (its heap is capped at ${options.memoryMb} MB)`;
  }
  if (signal === 'SIGABRT' || code === 134) return 'aborted (SIGABRT)';
  if (signal !== null) return `was killed by ${signal}`;
  return `exited with code ${code}`;
}
