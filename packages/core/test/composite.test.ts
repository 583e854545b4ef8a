import { describe, expect, test } from '@jest/globals';
import { box, defineGraph, graph, isPlexusError, runComponent, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Double, DoublePass, FastPass, Pass, Quadruple } from '@plexus/scenarios/components';

const numbers = box(z.number(), 'Numbers.');

describe('composites', () => {
  test('a composite is a component: it runs alone with runComponent', async () => {
    await expect(runComponent(Quadruple, { in: [1, 2, 3] })).resolves.toEqual({ out: [4, 8, 12] });
  });

  test('links through exported boxes become direct links between children, at no run-time cost', async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 3 } }),
      g.add('dp', DoublePass),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(items).toEqual([2, 4, 6]);
    expect(g.stats().links.map((l) => `${l.from} -> ${l.to}`)).toEqual([
      'count.out -> dp/double.in',
      'dp/double.out -> dp/pass.in',
      'dp/pass.out -> sink.in',
    ]);
    expect(g.stats().components.map((c) => c.name)).toEqual([
      'count',
      'dp/double',
      'dp/pass',
      'sink',
    ]);
  });

  test('a link through exported boxes takes the smallest capacity set along its path', () => {
    const Inner = defineGraph({
      name: 'Inner',
      description: 'Forwards to a child with a small link.',
      inboxes: { in: numbers },
      build(g) {
        g.link(g.inbox('in'), g.add('pass', Pass).inbox('in'), { capacity: 3 });
      },
    });
    const g = graph();
    g.link(g.add('count', Count).outbox('out'), g.add('inner', Inner).inbox('in'), {
      capacity: 10,
    });
    expect(g.stats().links).toEqual([
      expect.objectContaining({ from: 'count.out', to: 'inner/pass.in', capacity: 3 }),
    ]);
  });

  test('an exported inbox can fan out to several children, and an outbox can merge several', async () => {
    const Both = defineGraph({
      name: 'Both',
      description: 'Sends each number on twice: doubled and as is.',
      inboxes: { in: numbers },
      outboxes: { out: numbers },
      build(g) {
        const double = g.add('double', Double);
        const pass = g.add('pass', FastPass);
        g.link(g.inbox('in'), double.inbox('in'));
        g.link(g.inbox('in'), pass.inbox('in'));
        g.link(double.outbox('out'), g.outbox('out'));
        g.link(pass.outbox('out'), g.outbox('out'));
      },
    });
    const { out } = await runComponent(Both, { in: [1, 2, 3] });
    expect([...out].sort((a, b) => a - b)).toEqual([1, 2, 2, 3, 4, 6]);
  });

  test("an inbox linked straight to an outbox passes messages through (Kamaelia's passthrough)", async () => {
    const Through = defineGraph({
      name: 'Through',
      description: 'Passes numbers straight through.',
      inboxes: { in: numbers },
      outboxes: { out: numbers },
      build(g) {
        g.link('self.in', 'self.out');
      },
    });
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 3 } }),
      g.add('through', Through),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(items).toEqual([1, 2, 3]);
    expect(g.stats().links.map((l) => `${l.from} -> ${l.to}`)).toEqual(['count.out -> sink.in']);
  });

  test('links to and from nested composites resolve whatever order they are made in', async () => {
    const results: unknown[][] = [];
    for (const order of ['in-first', 'out-first']) {
      const g = graph();
      const items: unknown[] = [];
      const count = g.add('count', Count, { params: { to: 3 } });
      const quad = g.add('quad', Quadruple);
      const sink = g.add('sink', collector(items));
      const linkIn = () => g.link(count.outbox('out'), quad.inbox('in'));
      const linkOut = () => g.link(quad.outbox('out'), sink.inbox('in'));
      if (order === 'in-first') {
        linkIn();
        linkOut();
      } else {
        linkOut();
        linkIn();
      }
      await g.run();
      results.push(items);
    }
    expect(results).toEqual([
      [4, 8, 12],
      [4, 8, 12],
    ]);
  });

  test('params reach build; children are named after the composite', async () => {
    const Scaled = defineGraph({
      name: 'Scaled',
      description: 'Doubles `times` times.',
      inboxes: { in: numbers },
      outboxes: { out: numbers },
      params: z.object({ times: z.number().int().min(1) }),
      build(g, { times }) {
        let previous = g.add('d0', Double);
        g.link(g.inbox('in'), previous.inbox('in'));
        for (let i = 1; i < times; i++) {
          const next = g.add(`d${i}`, Double);
          g.link(previous.outbox('out'), next.inbox('in'));
          previous = next;
        }
        g.link(previous.outbox('out'), g.outbox('out'));
      },
    });
    await expect(runComponent(Scaled, { in: [1] }, { params: { times: 3 } })).resolves.toEqual({
      out: [8],
    });
    const g = graph();
    g.add('x', Scaled, { params: { times: 2 } });
    expect(g.stats().components.map((c) => c.name)).toEqual(['x/d0', 'x/d1']);
    expect(() => graph().add('x', Scaled, { params: { times: 0 } })).toThrow("at 'times'");
  });

  test('a composite names its missing boxes and children like a component does', () => {
    const g = graph();
    const quad = g.add('quad', Quadruple);
    expect(() => (quad as { inbox(n: string): unknown }).inbox('input')).toThrow(
      "Component 'quad' (Quadruple) has no inbox 'input'. Its inboxes are: 'in'.",
    );
    const Bad = defineGraph({
      name: 'Bad',
      description: 'Links a child that does not exist.',
      build(inner) {
        inner.link('nope.out', 'self.out');
      },
    });
    expect(() => g.add('bad', Bad)).toThrow("Composite 'bad' (Bad) has no component named 'nope'");
  });

  test('exported boxes linked into a loop with no component are refused', () => {
    const Loop = defineGraph({
      name: 'Loop',
      description: 'Links its own outbox back to its inbox, from outside.',
      inboxes: { in: numbers },
      outboxes: { out: numbers },
      build(g) {
        g.link('self.in', 'self.out');
      },
    });
    const g = graph();
    const loop = g.add('loop', Loop);
    let error: unknown;
    try {
      g.link(loop.outbox('out'), loop.inbox('in'));
    } catch (e) {
      error = e;
    }
    expect(isPlexusError(error, 'ERR_BAD_LINK')).toBe(true);
    expect((error as Error).message).toContain(
      'form a loop of exported boxes with no component in it',
    );
  });

  test('removing a composite removes its children', () => {
    const g = graph();
    g.add('quad', Quadruple);
    g.add('count', Count);
    g.remove('quad');
    expect(g.stats().components.map((c) => c.name)).toEqual(['count']);
  });
});
