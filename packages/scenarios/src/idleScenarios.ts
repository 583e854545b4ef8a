/**
 * Idle priority, part of the scenario suite: a component added with `priority: 'idle'` goes on
 * only when nothing else in its unit has work, and a link made with `priority: 'idle'` has its
 * messages taken only then — on every placement, in every body style.
 */
import { describe, expect, test } from '@jest/globals';
import { type Definition, graph } from '@plexus/core';
import { collector } from './collector.ts';
import { Count, FastPass, Pass, StepCount, StepPass } from './components.ts';
import { Relay, Ticks } from './idle.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';

export function idleScenarios(target: ScenarioTarget): void {
  // The graphs have one unit: placed mixed, they run as in the suite of its backend.
  if (target.mixed === true) return;
  const { run } = placed(target);
  // The three share one unit (the thread or process `busy` is placed on): idleness is per unit.
  const where = target.place('busy');
  const together = where.backend === undefined ? {} : { ...where, group: 'busy' };

  /** Numbers 1…n and three ticks merged by a relay: the order it saw them in. */
  async function merged(
    source: Definition,
    priority: 'idle' | 'normal',
  ): Promise<readonly unknown[]> {
    const g = graph(`idle-${priority}`);
    const out: unknown[] = [];
    const numbers = g.add('numbers', source, { ...together, params: { to: 3000 } });
    const ticks = g.add('ticks', Ticks, { ...together, priority, params: { count: 3 } });
    const relay = g.add('relay', Relay, together);
    g.link(numbers.outbox('out'), relay.inbox('in'));
    g.link(ticks.outbox('out'), relay.inbox('in'));
    // Room for everything: a relay waiting for credits from the main thread would leave the
    // unit with nothing to do, and the idle component would rightly get its turn.
    g.link(relay.outbox('out'), g.add('sink', collector(out)).inbox('in'), { capacity: 4096 });
    await expect(run(g)).resolves.toEqual({ status: 'completed' });
    return out;
  }

  /**
   * Numbers 1…n on a normal link, three ticks on an idle-priority link, into one `relay`; the
   * ticks sent from the main thread if `crossing` (the idle link then crosses into the unit).
   */
  async function idleLinked(relay: Definition, crossing = false): Promise<readonly unknown[]> {
    const g = graph('idle-link');
    const out: unknown[] = [];
    const numbers = g.add('numbers', Count, { ...together, params: { to: 3000 } });
    const ticks = g.add('ticks', Ticks, { ...(crossing ? {} : together), params: { count: 3 } });
    const through = g.add('relay', relay, together);
    g.link(numbers.outbox('out'), through.inbox('in'));
    g.link(ticks.outbox('out'), through.inbox('in'), { priority: 'idle' });
    g.link(through.outbox('out'), g.add('sink', collector(out)).inbox('in'), { capacity: 4096 });
    await expect(run(g)).resolves.toEqual({ status: 'completed' });
    return out;
  }

  describe(`idle priority, placed ${target.name}`, () => {
    test.each([
      ['a for-await', Pass],
      ['a wait-and-drain', FastPass],
      ['a generator', StepPass],
    ])(
      "an idle-priority link's messages reach %s receiver only once the busy components beside it have no work",
      async (_style, relay) => {
        const out = await idleLinked(relay);
        expect(out.slice(0, 3000)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
        expect(out.slice(3000)).toEqual(['tick-0', 'tick-1', 'tick-2']);
      },
    );

    test("an idle-priority link keeps its priority where it crosses into the receiver's unit", async () => {
      const out = await idleLinked(Pass, true);
      expect(out.slice(0, 3000)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
      expect(out.slice(3000)).toEqual(['tick-0', 'tick-1', 'tick-2']);
    });

    test.each([
      ['an async', Count],
      ['a generator', StepCount],
    ])(
      'an idle-priority component sends only once the busy components beside it (%s source) have no work',
      async (_style, source) => {
        const out = await merged(source, 'idle');
        expect(out.slice(0, 3000)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
        expect(out.slice(3000)).toEqual(['tick-0', 'tick-1', 'tick-2']);
      },
    );

    test('at normal priority the same component takes its turn among them', async () => {
      const out = await merged(Count, 'normal');
      expect(out).toHaveLength(3003);
      expect(out.indexOf('tick-0')).toBeLessThan(3000);
    });
  });
}
