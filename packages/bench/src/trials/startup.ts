/**
 * The start-up trial, run in a fresh process from Plexus's build (isolated/fromBuild.ts), as
 * users run it: time from `run()` to the first message through a pass-through placed inline,
 * on a worker or in a child process, alternating with Node's own floor (a bare Worker, a bare
 * child process) in the same process.
 */
import type { BackendName } from '@plexus/core';
import { box, defineComponent, graph, z } from '@plexus/core';
import { processBackend } from '@plexus/process';
import { workerBackend } from '@plexus/worker';
import { rawProcessStartup, rawWorkerStartup } from '../baselines/rawStartup.ts';
import { FastPass, Generate } from '../components/flow.ts';
import { alternate } from '../measure/rounds.ts';

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

/**
 * Backends that start every unit in a fresh thread or process: no spare (what the first unit
 * of a program meets).
 */
const fresh = [workerBackend({ spares: false }), processBackend({ spares: false })];

/**
 * Milliseconds from run() to the first message through a pass-through placed on `backend`;
 * `spares: false`, in a fresh thread or process.
 */
async function plexusStartup(backend: BackendName, spares = true): Promise<number> {
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
  await g.run({ checked: false, ...(spares ? {} : { backends: fresh }) });
  return firstAt - start;
}

/** Every contender's samples (`key` → milliseconds per round). */
export async function startupSamples({
  rounds,
  warmUp,
}: {
  rounds: number;
  warmUp: boolean;
}): Promise<Record<string, number[]>> {
  const samples = await alternate(
    [
      { key: 'inline', label: 'inline', run: () => plexusStartup('inline') },
      // The spare that takes a unit's place boots before the next contender runs, not beside
      // it (alternate waits for it, untimed).
      { key: 'worker', label: 'worker', run: () => plexusStartup('worker') },
      { key: 'process', label: 'process', run: () => plexusStartup('process') },
      { key: 'freshWorker', label: 'worker, no spare', run: () => plexusStartup('worker', false) },
      {
        key: 'freshProcess',
        label: 'process, no spare',
        run: () => plexusStartup('process', false),
      },
      { key: 'rawWorker', label: 'bare Worker', run: rawWorkerStartup },
      { key: 'rawProcess', label: 'bare child process', run: rawProcessStartup },
    ],
    rounds,
    (message) => process.stderr.write(`${message}\n`),
    { warmUp },
  );
  return Object.fromEntries([...samples].map(([key, m]) => [key, m.get('value') ?? []]));
}
