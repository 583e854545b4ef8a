/**
 * The delivery guarantee, property-tested: random graphs — pipelines, fan-in, fan-out,
 * composites — with random link capacities, random message sizes and components placed at
 * random inline, on workers and in processes.
 *
 * - On normal completion every message is delivered exactly once, in order per source, and
 *   every link's counters agree (`delivered === sent`, nothing dropped).
 * - On a graceful stop nothing accepted into a link is lost: each sink got exactly the
 *   prefix its sources had sent, and every link delivered all it accepted.
 *
 * The default run fits the CI budget; `PLEXUS_PROPERTY_RUNS=200` (or
 * `pnpm test:property --runs 200`) goes deeper; a failure prints the smallest graph that
 * breaks it, and the seed to replay it.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { type Definition, type Graph, graph, type NodeHandle, type Placement } from '@plexus/core';
import { liveProcesses, processBackend } from '@plexus/process';
import { collector } from '@plexus/scenarios';
import { FastPass, Pass } from '@plexus/scenarios/components';
import { NestedRelay, type Numbered, NumberedSource, Relay } from '@plexus/scenarios/delivery';
import { liveWorkers, workerBackend } from '@plexus/worker';
import fc from 'fast-check';

const RUNS = Number(process.env.PLEXUS_PROPERTY_RUNS ?? 12);
const backends = [workerBackend(), processBackend()];
const STAGES: Record<string, Definition> = { Pass, FastPass, Relay, NestedRelay };

afterEach(() => {
  expect(liveWorkers()).toBe(0);
  expect(liveProcesses()).toBe(0);
});

interface Stage {
  readonly kind: keyof typeof STAGES;
  readonly backend: 'inline' | 'worker' | 'process';
  readonly capacity: number;
}
interface Shape {
  readonly sources: readonly { count: number; maxSize: number; capacity: number }[];
  readonly trunk: readonly Stage[];
  readonly branches: readonly { stages: readonly Stage[]; capacity: number }[];
}

const capacity = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 128 }));
const stage: fc.Arbitrary<Stage> = fc.record({
  kind: fc.constantFrom('Pass', 'FastPass', 'Relay', 'NestedRelay'),
  backend: fc.constantFrom('inline', 'inline', 'inline', 'worker', 'worker', 'process'),
  capacity,
});
const shape = (count: fc.Arbitrary<number>): fc.Arbitrary<Shape> =>
  fc
    .record({
      sources: fc.array(
        fc.record({
          count,
          maxSize: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 256 }), fc.constant(70_000)),
          capacity,
        }),
        { minLength: 1, maxLength: 3 },
      ),
      trunk: fc.array(stage, { minLength: 1, maxLength: 3 }),
      branches: fc.array(fc.record({ stages: fc.array(stage, { maxLength: 2 }), capacity }), {
        minLength: 1,
        maxLength: 3,
      }),
    })
    .map(limitRemote);

/** At most two processes and three workers per graph, so a run stays quick. */
function limitRemote(spec: Shape): Shape {
  const left = { worker: 3, process: 2 };
  const place = (s: Stage): Stage =>
    s.backend === 'inline' || left[s.backend]-- > 0 ? s : { ...s, backend: 'inline' };
  return {
    ...spec,
    trunk: spec.trunk.map(place),
    branches: spec.branches.map((b) => ({ ...b, stages: b.stages.map(place) })),
  };
}

interface Built {
  readonly g: Graph;
  readonly sinks: Numbered[][];
}

function build(spec: Shape, count?: number): Built {
  const g = graph('delivery');
  const add = (name: string, s: Stage): NodeHandle =>
    g.add(
      name,
      STAGES[s.kind]!,
      s.backend === 'inline' ? {} : ({ backend: s.backend } as Placement),
    );
  const trunk = spec.trunk.map((s, i) => add(`t${i}`, s));
  spec.sources.forEach((source, i) => {
    const node = g.add(`s${i}`, NumberedSource, {
      params: {
        source: `s${i}`,
        count: count ?? source.count,
        maxSize: source.maxSize,
        seed: i + 1,
      },
    });
    g.link(node.outbox('out'), trunk[0]!.inbox('in'), { capacity: source.capacity });
  });
  for (let i = 1; i < trunk.length; i++)
    g.link(trunk[i - 1]!.outbox('out'), trunk[i]!.inbox('in'), {
      capacity: spec.trunk[i]!.capacity,
    });
  const sinks: Numbered[][] = [];
  spec.branches.forEach((branch, b) => {
    let last = trunk[trunk.length - 1]!;
    let cap = branch.capacity;
    branch.stages.forEach((s, i) => {
      const node = add(`b${b}s${i}`, s);
      g.link(last.outbox('out'), node.inbox('in'), { capacity: cap });
      last = node;
      cap = s.capacity;
    });
    const items: Numbered[] = [];
    sinks.push(items);
    g.link(last.outbox('out'), g.add(`sink${b}`, collector(items)).inbox('in'), { capacity: cap });
  });
  return { g, sinks };
}

/** Per source, the seqs a sink received, in the order it received them. */
function bySource(items: readonly Numbered[]): Map<string, number[]> {
  const seqs = new Map<string, number[]>();
  for (const item of items) {
    const list = seqs.get(item.source) ?? [];
    list.push(item.seq);
    seqs.set(item.source, list);
  }
  return seqs;
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('the delivery guarantee', () => {
  test('on normal completion every message is delivered exactly once and in order per link', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape(fc.integer({ min: 0, max: 300 })),
        fc.boolean(),
        async (spec, checked) => {
          const { g, sinks } = build(spec);
          await expect(g.run({ backends, checked })).resolves.toEqual({ status: 'completed' });
          for (const items of sinks) {
            const seqs = bySource(items);
            for (const [i, source] of spec.sources.entries())
              expect(seqs.get(`s${i}`) ?? []).toEqual(upTo(source.count));
            expect(items).toHaveLength(spec.sources.reduce((n, s) => n + s.count, 0));
          }
          for (const link of g.stats().links) {
            expect([link.from, link.to, link.delivered, link.queued, link.dropped]).toEqual([
              link.from,
              link.to,
              link.sent,
              0,
              0,
            ]);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);

  test('on a graceful stop, nothing accepted into a link is lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape(fc.constant(-1)),
        fc.integer({ min: 1, max: 200 }),
        async (spec, after) => {
          const { g, sinks } = build(spec);
          const done = g.run({ backends, checked: false });
          const deadline = Date.now() + 10_000;
          while (sinks[0]!.length < after && Date.now() < deadline)
            await new Promise((resolve) => setTimeout(resolve, 2));
          await g.stop({ graceful: true, timeout: 30_000 });
          await expect(done).resolves.toEqual({ status: 'stopped' });
          const links = g.stats().links;
          for (const items of sinks) {
            const seqs = bySource(items);
            spec.sources.forEach((_, i) => {
              const accepted = links.find((l) => l.from === `s${i}.out`)!.sent;
              expect(seqs.get(`s${i}`) ?? []).toEqual(upTo(accepted));
            });
          }
          for (const link of links)
            expect([link.from, link.delivered, link.dropped]).toEqual([link.from, link.sent, 0]);
        },
      ),
      { numRuns: Math.max(1, Math.round(RUNS / 2)) },
    );
  }, 600_000);
});
