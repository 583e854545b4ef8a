/**
 * process-link — a producer and a consumer in two child processes, over a Plexus link with the
 * default capacity (a Unix socket between them, batched, credit flow control; and again at
 * 64), against the same records in frames of 1,024 with the same encoding (v8.serialize) over a
 * bare socket between two processes.
 */
import { rawProcessLink } from '../baselines/rawProcessLink.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import { plexusLink } from './links.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const BATCH = 1024;
const child = { backend: 'process' } as const;

export const processLink: Benchmark = {
  name: 'process-link',
  title: 'two components in two child processes vs raw batched IPC with the same encoding',
  async run(context: BenchContext): Promise<BenchResult> {
    const count = context.quick ? 50_000 : 1_000_000;
    const samples = await alternate(
      [
        {
          key: 'plexus',
          label: 'Plexus, default link',
          run: () => plexusLink(count, child, child, undefined),
        },
        {
          key: 'plexus64',
          label: 'Plexus, capacity 64',
          run: () => plexusLink(count, child, child, 64),
        },
        { key: 'raw', label: 'raw socket', run: () => rawProcessLink(count, BATCH) },
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
    const raw = figure(
      samples,
      'raw',
      'raw Unix socket, v8.serialize frames of 1,024',
      'msgs/s',
      'higher',
    );
    return {
      name: 'process-link',
      title: processLink.title,
      params: { messages: count, batch: BATCH, rounds: context.rounds },
      figures: [plexus, plexus64, raw],
      verdicts: [
        ratio('Plexus, default link ÷ raw socket', plexus, raw, atLeast(0.7)),
        ratio('Plexus (capacity 64) ÷ raw socket', plexus64, raw),
      ],
      notes: [
        'Messages are small records { seq, name, ok }; rates are over the middle 80 % of the stream, start-up excluded.',
      ],
    };
  },
};
