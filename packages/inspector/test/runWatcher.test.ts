/**
 * What the watcher makes of a run's counters while its units start: `stats()` leaves out a link
 * whose unit has not reported yet (it had it before the units started), and the page must not
 * lose the link, nor its counters, in the meantime.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, test } from '@jest/globals';
import type { ComponentInfo, GraphStats, InspectedRun, LinkInfo } from '@plexus/core';
import type { Layout, Tick } from '@plexus/inspector';
import { LinkMemory } from '../src/watch/LinkMemory.ts';
import { RunWatcher } from '../src/watch/RunWatcher.ts';

const component = (name: string, backend: string): ComponentInfo => ({
  name,
  type: 'Pass',
  backend,
  state: 'running',
});
const link = (id: number, from: string, to: string, sent: number): LinkInfo => ({
  id,
  from,
  to,
  capacity: 64,
  sent,
  delivered: sent,
  queued: 0,
  dropped: 0,
  closed: false,
});
const components = [
  component('source', 'worker'),
  component('pass', 'worker'),
  component('sink', 'inline'),
];
/** Before the units start: every link, counted where it was made. */
const planned: GraphStats = {
  components,
  links: [link(1, 'source.out', 'pass.in', 0), link(2, 'pass.out', 'sink.in', 0)],
};
/** The units have started; the worker that runs both ends of link 1 has not reported yet. */
const starting: GraphStats = { components, links: [link(2, 'pass.out', 'sink.in', 0)] };
/** It has. */
const reported: GraphStats = {
  components,
  links: [link(1, 'source.out', 'pass.in', 100), link(2, 'pass.out', 'sink.in', 90)],
};

describe('the links a run shows', () => {
  test('a link left out of stats() while its unit starts keeps its counters', () => {
    const memory = new LinkMemory();
    memory.links(planned, 0);
    const during = memory.links(starting, 250);
    expect(during.map((l) => [l.id, l.capacity, l.sent])).toEqual([
      [1, 64, 0],
      [2, 64, 0],
    ]);
    const after = memory.links(reported, 500);
    // 100 messages since it was last seen, half a second ago: not 100 in the last 250 ms.
    expect(after.map((l) => [l.id, l.sent, l.rate])).toEqual([
      [1, 100, 200],
      [2, 90, 360],
    ]);
  });

  test('a link goes once the run removes it, or one of its components leaves the graph', () => {
    const memory = new LinkMemory();
    memory.links(reported, 0);
    memory.forget(1);
    expect(memory.links(reported, 100).map((l) => l.id)).toEqual([2]);
    const sinkGone: GraphStats = { components: components.slice(0, 2), links: [] };
    expect(memory.links(sinkGone, 200).map((l) => l.id)).toEqual([]);
  });

  test("a replica's link stays while the replicated component is in the graph", () => {
    const memory = new LinkMemory();
    const replicated: GraphStats = {
      components: [component('batch', 'inline'), component('count', 'worker')],
      links: [link(1, 'batch.out', 'count#1.in', 5), link(2, 'batch.out', 'count#2.in', 5)],
    };
    memory.links(replicated, 0);
    const oneReported = { ...replicated, links: [replicated.links[0]!] };
    expect(memory.links(oneReported, 100).map((l) => l.to)).toEqual(['count#1.in', 'count#2.in']);
  });
});

describe('the watcher', () => {
  test('every tick, and every layout, has the link a starting unit has not reported', async () => {
    const script = [planned, starting, starting, starting, reported];
    let calls = 0;
    const graph = Object.assign(new EventEmitter(), {
      name: 'starting',
      stats: () => script[Math.min(calls++, script.length - 1)]!,
    });
    const ticks: Tick[] = [];
    const layouts: Layout[] = [];
    const watcher = new RunWatcher({ graph } as unknown as InspectedRun, 50, (event, data) => {
      if (event === 'tick') ticks.push(data as Tick);
      if (event === 'layout') layouts.push(data as Layout);
      if (ticks.length === script.length) graph.emit('complete', { status: 'completed' });
    });
    watcher.start();
    await watcher.over;
    expect(ticks.length).toBeGreaterThanOrEqual(script.length);
    for (const tick of ticks)
      expect(tick.links.map((l) => `${l.id} ${l.from}->${l.to} ${l.capacity}`)).toEqual([
        '1 source.out->pass.in 64',
        '2 pass.out->sink.in 64',
      ]);
    expect(layouts.length).toBeGreaterThan(0);
    for (const layout of layouts)
      expect(layout.edges.map((e) => e.key)).toEqual(['source.out->pass.in', 'pass.out->sink.in']);
  });
});
