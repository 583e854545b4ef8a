/**
 * threadring — the Benchmarks Game's thread-ring: 503 components in a ring pass one token
 * N times; hops per second, against the same program in Erlang when it is installed.
 */
import { graph } from '@plexus/core';
import { erlangAvailable, erlangThreadring } from '../baselines/erlang.ts';
import { promiseRing } from '../baselines/promiseRing.ts';
import { RingNode, StepRingNode } from '../components/ring.ts';
import { alternate, type Contender, figure } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import type { BenchContext, Benchmark, BenchResult, Verdict } from './types.ts';

const RING = 503;

/**
 * Pass a token `hops` times round a ring of `size` Plexus components, with async bodies or
 * generator bodies; resolves with hops/s.
 */
async function plexusRing(
  size: number,
  hops: number,
  style: 'async' | 'generator' = 'async',
): Promise<number> {
  const Node = style === 'async' ? RingNode : StepRingNode;
  const g = graph('threadring');
  const nodes = [g.add('n0', Node, { params: { token: hops } })];
  for (let i = 1; i < size; i++) nodes.push(g.add(`n${i}`, Node));
  for (let i = 0; i < size; i++)
    g.link(nodes[i]!.outbox('out'), nodes[(i + 1) % size]!.inbox('in'));
  const start = performance.now();
  await g.run({ checked: false });
  return (hops * 1000) / (performance.now() - start);
}

export const threadring: Benchmark = {
  name: 'threadring',
  title: '503 components in a ring pass one token N times (Benchmarks Game thread-ring)',
  async run(context: BenchContext): Promise<BenchResult> {
    const hops = context.quick ? 100_000 : 10_000_000;
    const erlang = await erlangAvailable();
    const contenders: Contender[] = [
      {
        key: 'generator',
        label: 'Plexus, generator bodies',
        run: () => plexusRing(RING, hops, 'generator'),
      },
      { key: 'plexus', label: 'Plexus, async bodies', run: () => plexusRing(RING, hops) },
      { key: 'promises', label: 'bare promises', run: () => promiseRing(RING, hops) },
    ];
    if (erlang)
      contenders.push({
        key: 'erlang',
        label: 'Erlang',
        warmUp: false,
        run: () => erlangThreadring(hops),
      });
    const samples = await alternate(contenders, context.rounds, context.log, {
      warmUp: !context.quick,
    });
    const generator = figure(
      samples,
      'generator',
      'Plexus, generator bodies (yield the inbox)',
      'hops/s',
      'higher',
    );
    const plexus = figure(
      samples,
      'plexus',
      'Plexus, async bodies (await wait())',
      'hops/s',
      'higher',
    );
    const promises = figure(
      samples,
      'promises',
      'bare async functions, one promise per hop (the floor of async bodies)',
      'hops/s',
      'higher',
    );
    const figures = [generator, plexus, promises];
    const verdicts: Verdict[] = [];
    if (erlang) {
      const erl = figure(samples, 'erlang', 'Erlang/OTP (same program)', 'hops/s', 'higher');
      figures.push(erl);
      verdicts.push(ratio('Plexus, generator bodies ÷ Erlang', generator, erl, atLeast(2)));
      verdicts.push(ratio('Plexus, async bodies ÷ Erlang', plexus, erl));
      verdicts.push(ratio('bare promises ÷ Erlang (what async bodies could reach)', promises, erl));
    }
    verdicts.push(ratio('Plexus, async bodies ÷ bare promises', plexus, promises));
    return {
      name: 'threadring',
      title: threadring.title,
      params: { components: RING, hops, rounds: context.rounds },
      figures,
      verdicts,
      notes: [
        'The same ring node is written twice: a generator body that yields its inbox (no promise per hop) and an async body that awaits wait(). The 2× target is checked on the generator bodies; the async figure is shown beside it.',
        'Bare promises: async functions handing one fresh promise per hop, with no queue or lifecycle; the least an async body that suspends between messages can cost in this engine.',
        ...(erlang
          ? []
          : [
              'Erlang is not installed here (no erl on PATH), so the Erlang baseline was skipped; install erlang-base to run it.',
            ]),
      ],
    };
  },
};
