/**
 * The ring trial, run in a fresh process: build a ring of `size` components, start it, and pass
 * a token `hops` times. Reports creation time, heap bytes per component and hops per second.
 */
import { graph } from '@plexus/core';
import { RingNode, StepRingNode } from '../components/ring.ts';
import { fullGc } from '../measure/gc.ts';

/** What one ring trial measured. */
export interface RingFigures {
  /** From an empty heap to every component started and waiting (add, link, run). */
  readonly createMs: number;
  /** Heap growth per component while all are suspended, links included. */
  readonly bytesPerComponent: number;
  /** Token hops per second, until the node that receives 0 ends. */
  readonly hopsPerSecond: number;
}

/**
 * Build, start and run a ring of `size` components passing a token `hops` times, with async
 * bodies (the default) or generator bodies.
 */
export async function bigRing({
  size,
  hops,
  style = 'async',
}: {
  size: number;
  hops: number;
  style?: 'async' | 'generator';
}): Promise<RingFigures> {
  const Node = style === 'async' ? RingNode : StepRingNode;
  fullGc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const g = graph('ring');
  const first = g.add('n0', Node, { params: { token: hops } });
  let previous = first;
  for (let i = 1; i < size; i++) {
    const node = g.add(`n${i}`, Node);
    g.link(previous.outbox('out'), node.inbox('in'));
    previous = node;
  }
  g.link(previous.outbox('out'), first.inbox('in'));
  // run() starts every body synchronously, up to its first wait; the token moves only after.
  const done = g.run({ checked: false });
  const created = performance.now();
  fullGc();
  const heapAfter = process.memoryUsage().heapUsed;
  let hopsEnded = 0;
  const onEnd = () => {
    hopsEnded = performance.now();
    g.off('component:end', onEnd);
  };
  g.on('component:end', onEnd);
  const hopsStart = performance.now();
  await done;
  return {
    createMs: created - start,
    bytesPerComponent: (heapAfter - heapBefore) / size,
    hopsPerSecond: (hops * 1000) / (hopsEnded - hopsStart),
  };
}
