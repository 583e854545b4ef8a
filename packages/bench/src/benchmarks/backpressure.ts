/**
 * backpressure — 10M small records from a fast source into a deliberately slow sink, inline,
 * across a worker and across a process, each in a fresh process whose resident memory (its
 * children included) is sampled: bounded links must keep the peak flat.
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
const LIMIT = 200 * 1024 * 1024;

/** Run the trial for `backend` in a fresh process, sampling its tree's RSS. */
async function sampled(count: number, backend: BackendName): Promise<Record<string, number>> {
  const sampler = new RssSampler();
  try {
    const result = await runIsolated<BackpressureFigures>(
      trial,
      'backpressure',
      { count, backend, capacity: CAPACITY },
      { onStart: (pid) => sampler.start(pid) },
    );
    const late = sampler.samples.slice(Math.floor(sampler.samples.length / 2));
    const early = sampler.samples.slice(0, Math.max(1, Math.floor(sampler.samples.length / 2)));
    return {
      peakRss: sampler.peak,
      mainPeakRss: sampler.ownPeak,
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
    '10M messages into a deliberately slow sink, inline and across a worker and a process: peak RSS',
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
    const placements: BackendName[] = ['inline', 'worker', 'process'];
    const contenders: Contender[] = placements.map((backend) => ({
      key: backend,
      label: backend,
      run: () => sampled(count, backend),
    }));
    const samples = await alternate(contenders, rounds, context.log, { warmUp: false });
    const figures: Figure[] = [];
    const verdicts: Verdict[] = [];
    for (const backend of placements) {
      const peak = figure(
        samples,
        backend,
        `sink ${backend}: peak RSS, all processes`,
        'bytes',
        'lower',
        'peakRss',
      );
      const main = figure(
        samples,
        backend,
        `sink ${backend}: peak RSS, main process alone`,
        'bytes',
        'lower',
        'mainPeakRss',
      );
      const growth = figure(
        samples,
        backend,
        `sink ${backend}: RSS growth, second half over first`,
        'bytes',
        'lower',
        'growth',
      );
      const rate = figure(
        samples,
        backend,
        `sink ${backend}: messages through`,
        'msgs/s',
        'higher',
        'rate',
      );
      figures.push(peak, main, growth, rate);
      verdicts.push(
        check(`peak RSS, sink ${backend}`, Math.max(...peak.samples), 'bytes', below(LIMIT)),
      );
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
      ],
    };
  },
};
