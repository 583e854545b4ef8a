/**
 * pipeline — a source, 10 pass-through stages and a sink, inline, 1M small messages: Plexus
 * against hand-written queues (the ceiling), Node's stream.pipeline, and NoFlo 1.5.
 */
import { graph } from '@plexus/core';
import { nofloPipeline } from '../baselines/noflo.ts';
import { queuesForAwaitPipeline, queuesPipeline } from '../baselines/queues.ts';
import { streamsPipeline } from '../baselines/streams.ts';
import {
  Drain,
  FastPass,
  Generate,
  GenerateAwait,
  Pass,
  Spin,
  StepPass,
} from '../components/flow.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const STAGES = 10;
const CAPACITY = 64;

/**
 * Run a Plexus pipeline of `STAGES` stages in one body style; resolves with msgs/s (until the
 * sink has ended). `idle`: a CPU-bound component runs beside it at idle priority.
 */
async function plexusPipeline(
  count: number,
  style: 'kamaelia' | 'generator' | 'await',
  idle = false,
): Promise<number> {
  const g = graph('pipeline', { capacity: CAPACITY });
  const nodes = [
    style === 'await'
      ? g.add('source', GenerateAwait, { params: { count } })
      : g.add('source', Generate, { params: { count } }),
  ];
  const Stage = style === 'await' ? Pass : style === 'generator' ? StepPass : FastPass;
  for (let i = 0; i < STAGES; i++) nodes.push(g.add(`stage${i}`, Stage) as never);
  nodes.push(g.add('sink', Drain) as never);
  g.pipeline(...nodes);
  if (idle) g.add('spin', Spin, { priority: 'idle', params: { steps: 50, stepMs: 1 } });
  let end = 0;
  g.on('component:end', (c) => {
    if (c.name === 'sink') end = performance.now();
  });
  const start = performance.now();
  await g.run({ checked: false });
  const elapsed = end - start;
  const received = g.stats().links.find((l) => l.to === 'sink.in')?.delivered ?? 0;
  if (received !== count)
    throw new Error(`Plexus pipeline delivered ${received} of ${count} messages.`);
  return (count * 1000) / elapsed;
}

export const pipeline: Benchmark = {
  name: 'pipeline',
  title: '10 pass-through stages, small messages, inline',
  async run(context: BenchContext): Promise<BenchResult> {
    const count = context.quick ? 20_000 : 1_000_000;
    // NoFlo is ~100× slower: it gets fewer messages so a round stays short (rates compare).
    const nofloCount = context.quick ? 2_000 : 50_000;
    const samples = await alternate(
      [
        { key: 'plexus', label: 'Plexus', run: () => plexusPipeline(count, 'kamaelia') },
        {
          key: 'plexusGenerator',
          label: 'Plexus, generator bodies',
          run: () => plexusPipeline(count, 'generator'),
        },
        {
          key: 'plexusAwait',
          label: 'Plexus, for await',
          run: () => plexusPipeline(count, 'await'),
        },
        {
          key: 'plexusIdle',
          label: 'Plexus, idle-priority CPU work beside it',
          run: () => plexusPipeline(count, 'kamaelia', true),
        },
        {
          key: 'queues',
          label: 'hand-written queues',
          run: () => queuesPipeline(count, STAGES, CAPACITY),
        },
        {
          key: 'queuesAwait',
          label: 'hand-written queues, for await',
          run: () => queuesForAwaitPipeline(count, STAGES, CAPACITY),
        },
        { key: 'streams', label: 'stream.pipeline', run: () => streamsPipeline(count, STAGES) },
        { key: 'noflo', label: 'NoFlo 1.5', run: () => nofloPipeline(nofloCount, STAGES) },
      ],
      context.rounds,
      context.log,
      { warmUp: !context.quick },
    );
    const plexus = figure(samples, 'plexus', 'Plexus (wait/recv bodies)', 'msgs/s', 'higher');
    const plexusAwait = figure(
      samples,
      'plexusAwait',
      'Plexus (for await bodies)',
      'msgs/s',
      'higher',
    );
    const plexusGenerator = figure(
      samples,
      'plexusGenerator',
      'Plexus (generator bodies: yield the inbox, recv while dataReady)',
      'msgs/s',
      'higher',
    );
    const queuesAwait = figure(
      samples,
      'queuesAwait',
      'hand-written queues read with for await (the floor of for await bodies)',
      'msgs/s',
      'higher',
    );
    const plexusIdle = figure(
      samples,
      'plexusIdle',
      'Plexus (wait/recv bodies), idle-priority CPU-bound component beside it',
      'msgs/s',
      'higher',
    );
    const queues = figure(samples, 'queues', 'hand-written queues', 'msgs/s', 'higher');
    const streams = figure(samples, 'streams', 'Node stream.pipeline', 'msgs/s', 'higher');
    const noflo = figure(samples, 'noflo', 'NoFlo 1.5.2 (sync delivery)', 'msgs/s', 'higher');
    return {
      name: 'pipeline',
      title: pipeline.title,
      params: {
        messages: count,
        nofloMessages: nofloCount,
        stages: STAGES,
        capacity: CAPACITY,
        rounds: context.rounds,
      },
      figures: [
        plexus,
        plexusGenerator,
        plexusAwait,
        plexusIdle,
        queues,
        queuesAwait,
        streams,
        noflo,
      ],
      verdicts: [
        ratio('Plexus ÷ hand-written queues', plexus, queues, atLeast(0.8)),
        ratio('Plexus with idle work beside it ÷ Plexus', plexusIdle, plexus, atLeast(0.9)),
        ratio('Plexus ÷ stream.pipeline', plexus, streams, atLeast(4)),
        ratio('Plexus ÷ NoFlo', plexus, noflo, atLeast(50)),
        ratio('Plexus generator bodies ÷ hand-written queues', plexusGenerator, queues),
        ratio('Plexus for await ÷ hand-written queues', plexusAwait, queues),
        ratio('Plexus for await ÷ queues read with for await', plexusAwait, queuesAwait),
        ratio('Plexus for await ÷ stream.pipeline', plexusAwait, streams),
      ],
      notes: [`NoFlo runs ${nofloCount.toLocaleString('en')} messages per round (rates compare).`],
    };
  },
};
