/**
 * startup — time to first message: a source, a pass-through placed inline, on a worker or in a
 * child process, and an inline sink; from run() to the first message at the sink. The
 * baselines are Node's floor: a bare Worker and a bare child process sending one message. All
 * run in one fresh process, with Plexus from its build (trials/startup.ts). Plexus runs twice
 * on each backend: as it starts every unit after a program's first (a spare thread or child,
 * booted while nothing ran), where the targets are checked, and with no spare (a fresh one).
 */
import { runIsolated } from '../isolated/runIsolated.ts';
import { figure, type Samples } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const trial = new URL('../trials/startup.ts', import.meta.url);

export const startup: Benchmark = {
  name: 'startup',
  title: 'time to first message for inline, worker and process placement',
  async run(context: BenchContext): Promise<BenchResult> {
    const raw = await runIsolated<Record<string, number[]>>(
      trial,
      'startupSamples',
      { rounds: context.rounds, warmUp: !context.quick },
      { fromBuild: true },
    );
    const samples: Samples = new Map(
      Object.entries(raw).map(([key, values]) => [key, new Map([['value', values]])]),
    );
    for (const [key, values] of Object.entries(raw))
      context.log(`  ${key}: ${values.map((v) => v.toFixed(1)).join(', ')} ms`);
    const inline = figure(samples, 'inline', 'Plexus, inline', 'ms', 'lower');
    const worker = figure(samples, 'worker', 'Plexus, worker', 'ms', 'lower');
    const child = figure(samples, 'process', 'Plexus, process', 'ms', 'lower');
    const freshWorker = figure(
      samples,
      'freshWorker',
      'Plexus, worker, no spare (a fresh thread)',
      'ms',
      'lower',
    );
    const freshProcess = figure(
      samples,
      'freshProcess',
      'Plexus, process, no spare (a fresh child)',
      'ms',
      'lower',
    );
    const rawWorker = figure(samples, 'rawWorker', 'bare Worker, one line', 'ms', 'lower');
    const rawProcess = figure(samples, 'rawProcess', 'bare child process, node -e', 'ms', 'lower');
    return {
      name: 'startup',
      title: startup.title,
      params: { rounds: context.rounds },
      figures: [inline, worker, child, freshWorker, freshProcess, rawWorker, rawProcess],
      verdicts: [
        ratio('bare Worker ÷ Plexus worker', worker, rawWorker, atLeast(0.5)),
        ratio('bare child ÷ Plexus process', child, rawProcess, atLeast(0.5)),
        ratio('bare Worker ÷ Plexus worker, no spare', freshWorker, rawWorker),
        ratio('bare child ÷ Plexus process, no spare', freshProcess, rawProcess),
      ],
      notes: [
        'Plexus runs from its build here, in a fresh process, as users run it (the trial and its components bundled to JavaScript; `pnpm build` first). The process backend bundles its units once per parent process, so the warm-up pays for it and the median does not.',
        "A unit's thread or child that ends leaves a spare, booted with Plexus loaded, which the next unit with the same settings takes: the targets are checked on that, every run after a program's first. The spares boot untimed, before the next contender. 'No spare' is a program's first unit: a thread or child started for it.",
      ],
    };
  },
};
