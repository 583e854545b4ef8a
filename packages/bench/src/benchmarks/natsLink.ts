/**
 * nats-link — a producer and a consumer on two node agents, over a Plexus link that crosses
 * NATS (batched, credit flow control), against raw NATS publish/subscribe of the same batches
 * (arrays of 1,024 records, v8.serialize) between two bare processes, on the same server in the
 * same run. The node agents run in this process (their units are child processes, as on real
 * hosts), each in a directory of its own. Also the time to place and start a chain of 1,000
 * components in groups over ten agents.
 */
import { rawNatsLink } from '../baselines/rawNatsLink.ts';
import { NO_NATS_SERVER, startBenchNodes } from '../measure/benchNodes.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import { plexusLink } from './links.ts';
import { placeOnNodes } from './placeOnNodes.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const BATCH = 1024;

export const natsLink: Benchmark = {
  name: 'nats-link',
  title: 'two components on two node agents over NATS vs raw NATS pub/sub of the same batches',
  async run(context: BenchContext): Promise<BenchResult> {
    const count = context.quick ? 50_000 : 1_000_000;
    // Placing at scale: 1,000 components on ten agents (--quick: 30 on three).
    const [agents, components] = context.quick ? [3, 30] : [10, 1000];
    const nodes = await startBenchNodes(agents);
    if (nodes === undefined) {
      return {
        name: 'nats-link',
        title: natsLink.title,
        params: { messages: count },
        figures: [],
        verdicts: [],
        notes: [NO_NATS_SERVER],
      };
    }
    const { backend: nats, url } = nodes;
    const on = (node: string) => ({ backend: 'nats', options: { node } }) as const;
    try {
      const samples = await alternate(
        [
          {
            key: 'plexus',
            label: 'Plexus over NATS, capacity 1,024',
            run: () => plexusLink(count, on('n1'), on('n2'), BATCH, [nats]),
          },
          {
            key: 'raw',
            label: 'raw NATS pub/sub',
            run: () => rawNatsLink(url, count, BATCH),
          },
          {
            key: 'place',
            label: `${components} components on ${agents} agents`,
            run: () => placeOnNodes(components, agents, [nats]),
          },
        ],
        context.rounds,
        context.log,
        { warmUp: !context.quick },
      );
      const plexus = figure(
        samples,
        'plexus',
        'Plexus, two node agents, capacity 1,024',
        'msgs/s',
        'higher',
      );
      const raw = figure(
        samples,
        'raw',
        'raw NATS pub/sub, v8.serialize batches of 1,024',
        'msgs/s',
        'higher',
      );
      return {
        name: 'nats-link',
        title: natsLink.title,
        params: { messages: count, batch: BATCH, rounds: context.rounds },
        figures: [
          plexus,
          raw,
          figure(
            samples,
            'place',
            `place and start ${components.toLocaleString('en')} components (${agents} groups) on ${agents} node agents`,
            'ms',
            'lower',
          ),
        ],
        verdicts: [ratio('Plexus ÷ raw NATS', plexus, raw, atLeast(0.7))],
        notes: [
          'One loopback nats-server; the node agents on this machine (the link between n1 and n2). Rates are over the middle 80 % of the stream, start-up (bundling, placing) excluded.',
          'Placing: a chain of 998 stages in ten groups of ~100, one group to each agent; the time from run() to every component started (bundled, fetched, units started and linked).',
        ],
      };
    } finally {
      await nodes.stop();
    }
  },
};
