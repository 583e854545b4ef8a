/**
 * Growing a graph while it runs, part of the scenario suite: a component added by a running
 * component — inline, in a worker thread or in a child process — links to any component of the
 * graph, wherever that one runs, exactly as inline: sending to it, and receiving from it.
 */
import { describe, expect, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { collector } from './collector.ts';
import { Candidates, Listener, Paced, PrimeFilter, Spawner, Teller } from './growing.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';

export function growingScenarios(target: ScenarioTarget): void {
  const { run, add } = placed(target);

  describe(`growing while running, placed ${target.name}`, () => {
    test('the sieve: each filter grows the next one and links it to a report on the main thread, which gets every prime', async () => {
      const g = graph('sieve');
      const primes: number[] = [];
      const report = g.add('sink', collector(primes));
      const candidates = add(g, 'candidates', Candidates, { params: { to: 60 } });
      const first = add(g, 'filter-2', PrimeFilter, { params: { prime: 2, report: 'sink.in' } });
      g.link(candidates.outbox('out'), first.inbox('in'));
      g.link(first.outbox('primes'), report.inbox('in'));
      await expect(run(g)).resolves.toEqual({ status: 'completed' });
      expect(primes.sort((a, b) => a - b)).toEqual([
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
      ]);
      // Every filter it grew ran, and ended.
      const filters = g.stats().components.filter((c) => c.type === 'PrimeFilter');
      expect(filters.map((c) => c.state)).toEqual(Array(17).fill('ended'));
    }, 60_000);

    test('a grown component receives from a component elsewhere, and sends on to another', async () => {
      const g = graph('listening');
      const seen: number[] = [];
      g.add('ticks', Paced);
      const sink = g.add('sink', collector(seen));
      const spawner = add(g, 'spawner', Spawner, {
        params: { from: 'ticks.out', to: 'sink.in', n: 5 },
      });
      g.link(spawner.outbox('out'), sink.inbox('in'));
      await expect(run(g)).resolves.toEqual({ status: 'completed' });
      // Paced dropped what it sent before the link was made; from then on nothing is lost.
      expect(seen).toHaveLength(5);
      expect(seen.map((n) => n - seen[0]!)).toEqual([0, 1, 2, 3, 4]);
      const states = Object.fromEntries(g.stats().components.map((c) => [c.name, c.state]));
      // The listener ended after five; Paced, with nobody left listening, was stopped.
      expect(states).toMatchObject({ ticks: 'stopped', listener: 'ended', sink: 'ended' });
    }, 60_000);

    test('a link made while running to a component elsewhere, unlinked by its sender, delivers what was sent before and nothing after', async () => {
      const g = graph('telling');
      const seen: string[] = [];
      const sink = g.add('sink', collector(seen));
      const teller = add(g, 'teller', Teller, { params: { to: 'sink.in' } });
      g.link(teller.outbox('keep'), sink.inbox('in'));
      await expect(run(g)).resolves.toEqual({ status: 'completed' });
      expect(seen).toEqual(['a', 'b']);
    }, 60_000);

    test('a link made while running from a component elsewhere, unlinked by its receiver, delivers what was in flight, then ends', async () => {
      const g = graph('unlistening');
      const seen: number[] = [];
      g.add('ticks', Paced);
      const listener = add(g, 'listener', Listener, { params: { from: 'ticks.out' } });
      g.link(listener.outbox('out'), g.add('sink', collector(seen)).inbox('in'));
      // The sender goes on, unlinked (as inline): stop it once the sink has had everything.
      g.on('component:end', (c) => {
        if (c.name === 'sink') void g.stop();
      });
      await expect(run(g)).resolves.toEqual({ status: 'stopped' });
      // Three, and what was on its way when the unlink reached the sender; in order, no gaps.
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(seen.map((n) => n - seen[0]!)).toEqual(seen.map((_, i) => i));
      const states = Object.fromEntries(g.stats().components.map((c) => [c.name, c.state]));
      expect(states).toMatchObject({ listener: 'ended', ticks: 'stopped' });
    }, 60_000);

    test('a link from a grown component to a component the graph does not have fails the run, naming both and the fix', async () => {
      const g = graph('sieve-astray');
      const primes: number[] = [];
      const report = g.add('sink', collector(primes));
      const candidates = add(g, 'candidates', Candidates, { params: { to: 10 } });
      const first = add(g, 'filter-2', PrimeFilter, {
        params: { prime: 2, report: 'nowhere.in' },
      });
      g.link(candidates.outbox('out'), first.inbox('in'));
      g.link(first.outbox('primes'), report.inbox('in'));
      const error = await run(g).then(
        () => undefined,
        (failure: Error & { component?: string }) => failure,
      );
      expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
      expect(error?.component).toMatch(/^filter-[23]$/);
      expect(error?.message).toContain("has no component named 'nowhere'");
      expect(error?.message).toMatch(/[Ii]ts components are: .*'sink'/);
    }, 60_000);
  });
}
