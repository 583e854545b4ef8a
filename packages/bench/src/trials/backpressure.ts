/**
 * The backpressure trial, run in a fresh process whose memory the benchmark samples: a fast
 * source — inline, or on a worker or in a child process of its own — sends `count` small records
 * into a deliberately slow sink placed inline, on a worker or in a child process. Bounded links
 * must keep memory flat however many messages pass.
 */
import type { BackendName } from '@plexus/core';
import { graph } from '@plexus/core';
import { processBackend } from '@plexus/process';
import { workerBackend } from '@plexus/worker';
import { collect } from '../components/collect.ts';
import { Generate, SlowSink } from '../components/flow.ts';

/** What one backpressure trial reports (memory is sampled from outside). */
export interface BackpressureFigures {
  readonly seconds: number;
  readonly delivered: number;
}

/** The backends of a program that runs one graph: no spares. */
const single = [workerBackend({ spares: false }), processBackend({ spares: false })];

/** Send `count` records from a source (inline unless `from` says) to a slow sink on `backend`. */
export async function backpressure({
  count,
  backend,
  from = 'inline',
  capacity,
}: {
  count: number;
  backend: BackendName;
  from?: BackendName;
  capacity: number;
}): Promise<BackpressureFigures> {
  const g = graph('backpressure');
  const counts: number[] = [];
  const source = g.add('source', Generate, { params: { count, kind: 'record' }, backend: from });
  const sink = g.add('sink', SlowSink, { backend });
  g.link(source.outbox('out'), sink.inbox('in'), { capacity });
  g.link(sink.outbox('count'), g.add('report', collect(counts)).inbox('in'));
  const start = performance.now();
  // One run, then the trial process exits (as `plexus run` does): no spare thread or child
  // booting as it ends, in the memory sampled.
  await g.run({ checked: false, backends: single });
  if (counts[0] !== count)
    throw new Error(`The slow sink received ${counts[0]} messages of ${count}.`);
  return { seconds: (performance.now() - start) / 1000, delivered: counts[0] };
}
