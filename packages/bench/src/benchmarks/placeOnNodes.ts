/**
 * Placing at scale: a chain of `components` components (a source, stages that each add their
 * own number, a sink) in one group per node agent, n1 … n`agents`, over NATS. Resolves with the
 * milliseconds from `run()` to every component started (placed, bundles fetched, units started and
 * linked), after checking the run completed with every stage's sum.
 */
import { graph } from '@plexus/core';
import type { Backend } from '@plexus/core/backend';
import { Add } from '../components/add.ts';
import { collect } from '../components/collect.ts';
import { Generate } from '../components/flow.ts';

export async function placeOnNodes(
  components: number,
  agents: number,
  backends: readonly Backend[],
): Promise<number> {
  const g = graph('scale');
  const stages = components - 2;
  const perGroup = Math.ceil(stages / agents);
  const got: number[] = [];
  const chain = Array.from({ length: stages }, (_, i) => {
    const k = Math.floor(i / perGroup) + 1;
    return g.add(`add${i}`, Add, {
      backend: 'nats',
      group: `g${k}`,
      options: { node: `n${k}` },
      params: { n: 1 },
    });
  });
  g.pipeline(
    g.add('numbers', Generate, { params: { count: 100 } }),
    ...chain,
    g.add('sink', collect(got)),
  );
  const at = performance.now();
  let started = 0;
  let allStarted = Number.NaN;
  g.on('component:start', () => {
    if (++started === components) allStarted = performance.now();
  });
  await g.run({ checked: false, backends: [...backends] });
  if (got.length !== 100 || got[0] !== stages)
    throw new Error(
      `The chain gave ${got.length} numbers, the first ${got[0]}, not 100 from ${stages}.`,
    );
  if (Number.isNaN(allStarted))
    throw new Error(`Only ${started} of ${components} components reported their start.`);
  return allStarted - at;
}
