/**
 * backpressure — 10M small records from a fast source into a deliberately slow sink, inline,
 * into a worker, worker to worker, into a process and process to process, each in a fresh
 * process whose resident memory (its children included) is sampled: bounded links must keep the
 * peak flat, under 100 MB for every placement (issue 28), and under 200 MB with source and sink
 * in processes of their own (issue 21).
 */
import type { BackendName } from '@plexus/core';
import { runIsolated } from '../isolated/runIsolated.ts';
import { alternate, type Contender, figure } from '../measure/rounds.ts';
import { canSampleRss, RssSampler } from '../measure/rssTree.ts';
import { below, check } from '../measure/verdict.ts';
import type { BackpressureFigures } from '../trials/backpressure.ts';
import type { BenchContext, Benchmark, BenchResult, Figure, Verdict } from './types.ts';

const trial = new URL('../trials/backpressure.ts', import.meta.url);
const CAPACITY = 1024;
/** Issue 28 item 6: the whole process tree under 100 MB, on every backend. */
const LIMIT = 100 * 1024 * 1024;
/** Issue 21 item 10: source and sink in processes of their own, the tree under 200 MB. */
const PROCESS_LIMIT = 200 * 1024 * 1024;

/** Where the source and the slow sink run. */
interface Placement {
  readonly key: string;
  /** How figures name it: `sink process`, `source and sink processes`. */
  readonly label: string;
  readonly from: BackendName;
  readonly to: BackendName;
}

/** Every pair the issue tracker measured: the sink placed alone, and both ends placed alike. */
const PLACEMENTS: readonly Placement[] = [
  { key: 'inline', label: 'sink inline', from: 'inline', to: 'inline' },
  { key: 'worker', label: 'sink worker', from: 'inline', to: 'worker' },
  { key: 'worker-worker', label: 'source and sink workers', from: 'worker', to: 'worker' },
  { key: 'process', label: 'sink process', from: 'inline', to: 'process' },
  { key: 'process-process', label: 'source and sink processes', from: 'process', to: 'process' },
];

/** Run the trial for `placement` in a fresh process, sampling its tree's RSS. */
async function sampled(count: number, placement: Placement): Promise<Record<string, number>> {
  const sampler = new RssSampler();
  try {
    const result = await runIsolated<BackpressureFigures>(
      trial,
      'backpressure',
      { count, backend: placement.to, from: placement.from, capacity: CAPACITY },
      // No --enable-source-maps in the trial process: users' programs run without it (it costs
      // the parent ~4-5 MB, Node decoding the maps of Plexus's build as it loads).
      { onStart: (pid) => sampler.start(pid), fromBuild: true, sourceMaps: false },
    );
    const late = sampler.samples.slice(Math.floor(sampler.samples.length / 2));
    const early = sampler.samples.slice(0, Math.max(1, Math.floor(sampler.samples.length / 2)));
    return {
      peakRss: sampler.peak,
      mainPeakRss: sampler.ownPeak,
      sharedPeak: sampler.sharedPeak,
      // Flat means the second half of the run peaks no higher than the first.
      growth: Math.max(0, Math.max(...late) - Math.max(...early)),
      rate: count / result.seconds,
    };
  } finally {
    sampler.stop();
  }
}

export const backpressure: Benchmark = {
  name: 'backpressure',
  title:
    '10M messages into a deliberately slow sink, inline, on workers and in processes: peak RSS',
  async run(context: BenchContext): Promise<BenchResult> {
    if (!canSampleRss()) {
      return {
        name: 'backpressure',
        title: backpressure.title,
        params: {},
        figures: [],
        verdicts: [],
        notes: ['Skipped: sampling memory needs Linux /proc, which this platform does not have.'],
      };
    }
    const count = context.quick ? 50_000 : 10_000_000;
    // No baseline to alternate with, and a peak that varies by under 1 % from run to run: two
    // rounds of ~15 s per placement are plenty.
    const rounds = Math.min(context.rounds, 2);
    const contenders: Contender[] = PLACEMENTS.map((placement) => ({
      key: placement.key,
      label: placement.label,
      run: () => sampled(count, placement),
    }));
    const samples = await alternate(contenders, rounds, context.log, { warmUp: false });
    const figures: Figure[] = [];
    const verdicts: Verdict[] = [];
    for (const { key, label } of PLACEMENTS) {
      const peak = figure(
        samples,
        key,
        `${label}: peak RSS, all processes`,
        'bytes',
        'lower',
        'peakRss',
      );
      const shared = figure(
        samples,
        key,
        `${label}: peak resident memory, shared code counted once`,
        'bytes',
        'lower',
        'sharedPeak',
      );
      const main = figure(
        samples,
        key,
        `${label}: peak RSS, main process alone`,
        'bytes',
        'lower',
        'mainPeakRss',
      );
      const growth = figure(
        samples,
        key,
        `${label}: RSS growth, second half over first`,
        'bytes',
        'lower',
        'growth',
      );
      const rate = figure(samples, key, `${label}: messages through`, 'msgs/s', 'higher', 'rate');
      figures.push(peak, shared, main, growth, rate);
      verdicts.push(check(`peak RSS, ${label}`, Math.max(...peak.samples), 'bytes', below(LIMIT)));
      if (key === 'process-process') {
        verdicts.push(
          check(
            `peak RSS, ${label} (issue 21)`,
            Math.max(...peak.samples),
            'bytes',
            below(PROCESS_LIMIT),
          ),
        );
      }
    }
    return {
      name: 'backpressure',
      title: backpressure.title,
      params: { messages: count, linkCapacity: CAPACITY, rounds },
      figures,
      verdicts,
      notes: [
        'The sink pauses 1 ms after every 1,000 messages; the source sends as fast as the link takes them.',
        'RSS is the sum over the trial process and its child processes (worker threads share their process), sampled every 50 ms; the verdict takes the highest peak of the rounds.',
        "A sum of RSS counts pages that processes share once per process, and every Node process maps ~40 MB of the node binary: source and sink processes carry it three times. 'Shared code counted once' adds each process's own memory and the file-backed pages of the process with most.",
        'Placements: the source inline and the sink inline, on a worker or in a process; or both on workers, or both in processes, of their own.',
        'The trial process runs Plexus from its build without --enable-source-maps, as `plexus run` and a plain `node app.js` do.',
      ],
    };
  },
};
