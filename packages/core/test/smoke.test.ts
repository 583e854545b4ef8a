import { expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { Count, Double, FastPass, Pass } from './fixtures/components.ts';

test('smoke', async () => {
  const g = graph('smoke');
  const nodes = [g.add('count', Count, { params: { to: 1000 } }), g.add('p', Pass), g.add('f', FastPass), g.add('d', Double)];
  g.pipeline(...nodes);
  const out: number[] = [];
  const sink = g.add('sink', (await import('./fixtures/collect.ts')).collector(out));
  g.link(nodes[3]!.outbox('out'), sink.inbox('in'));
  expect(await g.run()).toEqual({ status: 'completed' });
  expect(out.length).toBe(1000);
  expect(out[999]).toBe(2000);
  expect(await runComponent(Double, { in: [1, 2, 3] })).toEqual({ out: [2, 4, 6] });
});
