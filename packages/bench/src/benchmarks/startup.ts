/**
 * startup — time to first message: a source, a pass-through placed inline, on a worker or in a
 * child process, and an inline sink; from run() to the first message at the sink. The
 * baselines are Node's floor: a bare Worker and a bare child process sending one message.
 */
import type { BackendName } from '@plexus/core';
import { box, defineComponent, graph, z } from '@plexus/core';
import { rawProcessStartup, rawWorkerStartup } from '../baselines/rawStartup.ts';
import { FastPass, Generate } from '../components/flow.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

/** A sink that calls `onFirst` when its first message arrives (inline only: it holds a closure). */
function firstArrival(onFirst: () => void) {
  return defineComponent({
    name: 'FirstArrival',
    description: 'Notes when the first message arrives, and drains the rest.',
    inboxes: { in: box(z.any(), 'Anything.') },
    async body({ inbox }) {
      let first = true;
      for await (const _ of inbox.in) {
        if (first) onFirst();
        first = false;
      }
    },
  });
}

/** Milliseconds from run() to the first message through a pass-through placed on `backend`. */
async function plexusStartup(backend: BackendName): Promise<number> {
  const g = graph('startup');
  let firstAt = 0;
  g.pipeline(
    g.add('source', Generate, { params: { count: 1 } }),
    g.add('pass', FastPass, { backend }),
    g.add(
      'sink',
      firstArrival(() => (firstAt = performance.now())),
    ),
  );
  const start = performance.now();
  await g.run({ checked: false });
  return firstAt - start;
}

export const startup: Benchmark = {
  name: 'startup',
  title: 'time to first message for inline, worker and process placement',
  async run(context: BenchContext): Promise<BenchResult> {
    const samples = await alternate(
      [
        { key: 'inline', label: 'inline', run: () => plexusStartup('inline') },
        { key: 'worker', label: 'worker', run: () => plexusStartup('worker') },
        { key: 'process', label: 'process', run: () => plexusStartup('process') },
        { key: 'rawWorker', label: 'bare Worker', run: rawWorkerStartup },
        { key: 'rawProcess', label: 'bare child process', run: rawProcessStartup },
      ],
      context.rounds,
      context.log,
      { warmUp: !context.quick },
    );
    const inline = figure(samples, 'inline', 'Plexus, inline', 'ms', 'lower');
    const worker = figure(samples, 'worker', 'Plexus, worker', 'ms', 'lower');
    const child = figure(samples, 'process', 'Plexus, process', 'ms', 'lower');
    const rawWorker = figure(samples, 'rawWorker', 'bare Worker, one line', 'ms', 'lower');
    const rawProcess = figure(samples, 'rawProcess', 'bare child process, node -e', 'ms', 'lower');
    return {
      name: 'startup',
      title: startup.title,
      params: { rounds: context.rounds },
      figures: [inline, worker, child, rawWorker, rawProcess],
      verdicts: [
        ratio('bare Worker ÷ Plexus worker', worker, rawWorker, atLeast(0.5)),
        ratio('bare child ÷ Plexus process', child, rawProcess, atLeast(0.5)),
      ],
      notes: [
        'Plexus runs from TypeScript source here (components compile on first use, cached on disk); the process backend bundles its units once per parent process, so the first round pays for it and the median does not.',
      ],
    };
  },
};
