/**
 * worker-link — a producer and a consumer in two worker threads, over a Plexus link with the
 * default capacity (batched, credit flow control; and again at capacity 64), against the same
 * records posted in batches of 1,024 over a bare MessagePort between two threads (no flow
 * control).
 */
import { rawWorkerLink } from '../baselines/rawWorkerLink.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import { plexusLink } from './links.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const BATCH = 1024;
const worker = { backend: 'worker' } as const;

export const workerLink: Benchmark = {
  name: 'worker-link',
  title: 'two components in two worker threads vs a raw batched MessagePort',
  async run(context: BenchContext): Promise<BenchResult> {
    const count = context.quick ? 50_000 : 1_000_000;
    const samples = await alternate(
      [
        {
          key: 'plexus',
          label: 'Plexus, default link',
          run: () => plexusLink(count, worker, worker, undefined),
        },
        {
          key: 'plexus64',
          label: 'Plexus, capacity 64',
          run: () => plexusLink(count, worker, worker, 64),
        },
        { key: 'raw', label: 'raw MessagePort', run: () => rawWorkerLink(count, BATCH) },
      ],
      context.rounds,
      context.log,
      { warmUp: !context.quick },
    );
    const plexus = figure(
      samples,
      'plexus',
      'Plexus, default link (capacity 1,024 when crossing)',
      'msgs/s',
      'higher',
    );
    const plexus64 = figure(samples, 'plexus64', 'Plexus, capacity 64', 'msgs/s', 'higher');
    const raw = figure(samples, 'raw', 'raw MessagePort, arrays of 1,024', 'msgs/s', 'higher');
    return {
      name: 'worker-link',
      title: workerLink.title,
      params: { messages: count, batch: BATCH, rounds: context.rounds },
      figures: [plexus, plexus64, raw],
      verdicts: [
        ratio('Plexus, default link ÷ raw MessagePort', plexus, raw, atLeast(1)),
        ratio('Plexus (capacity 64) ÷ raw MessagePort', plexus64, raw),
      ],
      notes: [
        'Messages are small records { seq, name, ok }; rates are over the middle 80 % of the stream, start-up excluded.',
      ],
    };
  },
};
