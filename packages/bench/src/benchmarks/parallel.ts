/**
 * parallel — a CPU-bound stage (a 32-bit hash in JavaScript, many rounds per message) with 1
 * and 2 replicas on workers, on processes and on node agents over NATS (two agents, one replica
 * each): the speed-up 2 replicas give, against what two bare threads doing the same work give
 * on this machine. With `--contended N` the burners take cores from every contender alike, so
 * no speed-up can reach 1.8× (two burners on two cores leave two replicas one core between
 * them); there the targets are the machine's own: Plexus's speed-up ≥ 0.9× that of two bare
 * threads in the same rounds.
 */

import { type BackendName, graph } from '@plexus/core';
import type { Backend } from '@plexus/core/backend';
import { bareThreads } from '../baselines/bareThreads.ts';
import { collect } from '../components/collect.ts';
import { Generate, Meter } from '../components/flow.ts';
import { Hash } from '../components/hash.ts';
import { NO_NATS_SERVER, startBenchNodes } from '../measure/benchNodes.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atLeast, check, ratio } from '../measure/verdict.ts';
import type { BenchContext, Benchmark, BenchResult, Figure } from './types.ts';

/** Hash `count` numbers with `replicas` replicas on `backend`; resolves with results per second. */
async function plexusParallel(
  count: number,
  rounds: number,
  backend: BackendName,
  replicas: number,
  backends: readonly Backend[] = [],
): Promise<number> {
  const g = graph('parallel');
  const reports: { count: number; rate: number }[] = [];
  g.pipeline(
    g.add('numbers', Generate, { params: { count } }),
    g.add('hash', Hash, { backend, replicas, params: { rounds } }),
    g.add('meter', Meter, { params: { expected: count } }),
    g.add('report', collect(reports)),
  );
  await g.run({ checked: false, backends });
  const report = reports[0];
  if (report?.count !== count)
    throw new Error(`The meter received ${report?.count ?? 'no'} results of ${count}.`);
  return report.rate;
}

export const parallel: Benchmark = {
  name: 'parallel',
  title: 'a CPU-bound stage with 1 and 2 replicas, on workers and on processes: speed-up',
  async run(context: BenchContext): Promise<BenchResult> {
    const contended = (context.contended ?? 0) > 0;
    /** A speed-up target, which only a machine with its cores to itself can be held to. */
    const alone = (bound: number) => (contended ? undefined : atLeast(bound));
    // ~2–3 s of hashing per run: with 2,000 messages the measured window was under half a
    // second, and a moment's contention for the two cores swung a round by ±40 %.
    const count = context.quick ? 100 : 6_000;
    const rounds = context.quick ? 15_000 : 150_000;
    // Two node agents on this machine: replicas go round the matching nodes, one on each.
    const nodes = await startBenchNodes(2);
    const onNodes = nodes === undefined ? [] : [nodes.backend];
    const samples = await alternate(
      [
        {
          key: 'worker1',
          label: 'worker, 1 replica',
          run: () => plexusParallel(count, rounds, 'worker', 1),
        },
        {
          key: 'worker2',
          label: 'worker, 2 replicas',
          run: () => plexusParallel(count, rounds, 'worker', 2),
        },
        {
          key: 'process1',
          label: 'process, 1 replica',
          run: () => plexusParallel(count, rounds, 'process', 1),
        },
        {
          key: 'process2',
          label: 'process, 2 replicas',
          run: () => plexusParallel(count, rounds, 'process', 2),
        },
        ...(nodes === undefined
          ? []
          : [
              {
                key: 'nats1',
                label: 'nats, 1 replica',
                run: () => plexusParallel(count, rounds, 'nats', 1, onNodes),
              },
              {
                key: 'nats2',
                label: 'nats, 2 replicas on two node agents',
                run: () => plexusParallel(count, rounds, 'nats', 2, onNodes),
              },
            ]),
        { key: 'bare1', label: 'bare, 1 thread', run: () => bareThreads(count, rounds, 1) },
        { key: 'bare2', label: 'bare, 2 threads', run: () => bareThreads(count, rounds, 2) },
      ],
      context.rounds,
      context.log,
      { warmUp: !context.quick },
    ).finally(() => nodes?.stop());
    const f = (key: string, label: string) => figure(samples, key, label, 'msgs/s', 'higher');
    const worker1 = f('worker1', 'Plexus, worker, 1 replica');
    const worker2 = f('worker2', 'Plexus, worker, 2 replicas');
    const process1 = f('process1', 'Plexus, process, 1 replica');
    const process2 = f('process2', 'Plexus, process, 2 replicas');
    const nats =
      nodes === undefined
        ? []
        : [
            f('nats1', 'Plexus, nats, 1 replica'),
            f('nats2', 'Plexus, nats, 2 replicas (two node agents)'),
          ];
    const bare1 = f('bare1', 'bare worker_threads, 1 thread');
    const bare2 = f('bare2', 'bare worker_threads, 2 threads');
    return {
      name: 'parallel',
      title: parallel.title,
      params: { messages: count, hashRoundsPerMessage: rounds, rounds: context.rounds },
      figures: [worker1, worker2, process1, process2, ...nats, bare1, bare2],
      verdicts: [
        ratio('speed-up, 2 worker replicas ÷ 1', worker2, worker1, alone(1.8)),
        ratio('speed-up, 2 process replicas ÷ 1', process2, process1, alone(1.8)),
        ...(nats.length === 2
          ? [ratio('speed-up, 2 replicas on two node agents ÷ 1', nats[1]!, nats[0]!, alone(1.7))]
          : []),
        ratio('speed-up, 2 bare threads ÷ 1 (the machine)', bare2, bare1),
        ...(contended
          ? [
              check(
                "speed-up of 2 worker replicas ÷ the machine's (bare threads), contended",
                speedUp(worker2, worker1) / speedUp(bare2, bare1),
                '×',
                atLeast(0.9),
              ),
              check(
                "speed-up of 2 process replicas ÷ the machine's (bare threads), contended",
                speedUp(process2, process1) / speedUp(bare2, bare1),
                '×',
                atLeast(0.9),
              ),
            ]
          : []),
        ratio('Plexus 1 worker replica ÷ 1 bare thread', worker1, bare1),
        // The speed-ups divide by the one-replica rounds, which swing with the machine; these
        // compare the two-way rates themselves.
        ratio('Plexus 2 worker replicas ÷ 2 bare threads', worker2, bare2),
        ratio('Plexus 2 process replicas ÷ 2 bare threads', process2, bare2),
      ],
      notes: [
        'Rates are results per second over the middle 80 % of the results (start-up excluded).',
        nodes === undefined
          ? NO_NATS_SERVER.replace('Skipped', 'The runs on node agents were skipped')
          : 'On nats: two node agents on this machine and one loopback nats-server; the links to and from the replicas cross NATS.',
      ],
    };
  },
};

/** How much faster `two` ran than `one`. */
function speedUp(two: Figure, one: Figure): number {
  return two.median / one.median;
}
