/**
 * What the link benchmarks share: a producer and a Meter placed on another backend, the
 * Meter's report collected inline, and the rate it measured.
 */
import type { Placement } from '@plexus/core';
import { graph } from '@plexus/core';
import type { Backend } from '@plexus/core/backend';
import { collect } from '../components/collect.ts';
import { Generate, Meter } from '../components/flow.ts';

/**
 * Send `count` small records from a producer to a consumer, each placed as given, over one link
 * of `capacity` (the default when undefined); resolves with the consumer's msgs/s over the
 * middle 80 % of the stream.
 */
export async function plexusLink(
  count: number,
  producer: Placement,
  consumer: Placement,
  capacity: number | undefined,
  backends?: readonly Backend[],
): Promise<number> {
  const g = graph('link');
  const reports: { count: number; rate: number }[] = [];
  const source = g.add('producer', Generate, { ...producer, params: { count, kind: 'record' } });
  const meter = g.add('consumer', Meter, { ...consumer, params: { expected: count } });
  g.link(source.outbox('out'), meter.inbox('in'), capacity === undefined ? {} : { capacity });
  g.link(meter.outbox('report'), g.add('report', collect(reports)).inbox('in'));
  await g.run({ checked: false, ...(backends === undefined ? {} : { backends: [...backends] }) });
  const report = reports[0];
  if (report === undefined || report.count !== count) {
    throw new Error(`The consumer received ${report?.count ?? 'no'} messages of ${count}.`);
  }
  return report.rate;
}
