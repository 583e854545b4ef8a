import { describe, expect, test } from '@jest/globals';
import {
  box,
  DEFAULT_CAPACITY,
  defineComponent,
  graph,
  isPlexusError,
  runComponent,
  z,
} from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Double, Pass, Quadruple, Sum } from '@plexus/scenarios/components';

function errorOf(make: () => unknown): Error & { code?: string } {
  try {
    make();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}

const Seen = defineComponent({
  name: 'Seen',
  description: 'Sends its params once.',
  outboxes: { out: box(z.unknown(), 'The params.') },
  params: z.object({ size: z.number().default(3), label: z.string() }),
  async body({ outbox, params }) {
    await outbox.out.send(params);
  },
});

describe('adding components', () => {
  test('params are validated, defaults applied, and frozen before the body sees them', async () => {
    const { out } = await runComponent(Seen, {}, { params: { label: 'x' } });
    expect(out).toEqual([{ size: 3, label: 'x' }]);
    expect(Object.isFrozen(out[0])).toBe(true);
  });

  test('instances added without params share one frozen defaults object only when it holds nothing mutable', async () => {
    const seen: unknown[] = [];
    const Keep = (schema: z.ZodObject) =>
      defineComponent({
        name: 'Keep',
        description: 'Records its params.',
        params: schema,
        async body({ params }) {
          seen.push(params);
        },
      });
    const Flat = Keep(z.object({ size: z.number().default(3), label: z.string().default('a') }));
    const Nested = Keep(z.object({ tags: z.array(z.string()).default(() => ['x']) }));
    const g = graph();
    for (const name of ['f1', 'f2']) g.add(name, Flat);
    for (const name of ['n1', 'n2']) g.add(name, Nested);
    g.add('f3', Flat, { params: { size: 4 } });
    await g.run();
    const [f1, f2, n1, n2, f3] = seen as Record<string, unknown>[];
    expect(f1).toEqual({ size: 3, label: 'a' });
    expect(f1).toBe(f2);
    expect(Object.isFrozen(f1)).toBe(true);
    expect(n1).toEqual({ tags: ['x'] });
    expect(n1).not.toBe(n2);
    expect(n1!.tags).not.toBe(n2!.tags);
    expect(f3).toEqual({ size: 4, label: 'a' });
  });

  test('invalid params fail at add(), naming the instance, the param and the problem', () => {
    const error = errorOf(() => graph().add('seen', Seen, { params: { label: 7 as never } }));
    expect(error.code).toBe('ERR_BAD_PARAMS');
    expect(error.message).toBe(
      "Params for component 'seen' (Seen) are not valid: at 'label': expected string, received number. Fix the params passed to add() (or the graph file's 'params').",
    );
  });

  test('params given to a component that takes none are refused', () => {
    expect(
      errorOf(() => graph().add('d', Double, { params: { x: 1 } as never })).message,
    ).toContain("it takes no params, but was given 'x'");
  });

  test('instance names must be valid and unique in their scope', () => {
    const g = graph('main');
    expect(errorOf(() => g.add('a.b', Double)).code).toBe('ERR_BAD_NAME');
    expect(errorOf(() => g.add('self', Double)).code).toBe('ERR_BAD_NAME');
    g.add('d', Double);
    expect(errorOf(() => g.add('d', Double)).message).toBe(
      "Graph 'main' already has a component named 'd'; give each instance a unique name.",
    );
  });

  test('replicas are whole numbers, need a backend off the main thread, and apply to components', () => {
    const g = graph();
    expect(errorOf(() => g.add('a', Double, { replicas: 0 })).message).toBe(
      "Component 'a' (Double) asks for 0 replicas; give a whole number of 1 or more.",
    );
    expect(errorOf(() => g.add('b', Double, { replicas: 2 })).message).toBe(
      "Component 'b' (Double) asks for 2 replicas, but replicas run off the main thread: place it on backend 'worker' or 'process' too.",
    );
    expect(errorOf(() => g.add('c', Quadruple, { backend: 'worker', replicas: 2 })).code).toBe(
      'ERR_BAD_PLACEMENT',
    );
  });

  test('add() refuses something that is not a definition', () => {
    expect(errorOf(() => graph().add('x', {} as any)).message).toContain(
      'the second argument is not a definition',
    );
  });
});

describe('linking', () => {
  test('boxes can be named by reference or by string, with the same result', async () => {
    const results: unknown[][] = [];
    for (const style of ['refs', 'strings']) {
      const g = graph();
      const items: unknown[] = [];
      const count = g.add('count', Count, { params: { to: 3 } });
      const double = g.add('double', Double);
      const sink = g.add('sink', collector(items));
      if (style === 'refs') {
        g.link(count.outbox('out'), double.inbox('in'));
        g.link(double.outbox('out'), sink.inbox('in'));
      } else {
        g.link('count.out', 'double.in');
        g.link('double.out', 'sink.in');
      }
      await g.run();
      results.push(items);
    }
    expect(results).toEqual([
      [2, 4, 6],
      [2, 4, 6],
    ]);
  });

  test('an unknown component is reported with a suggestion and the names that exist', () => {
    const g = graph('main');
    g.add('count', Count);
    g.add('double', Double);
    const error = errorOf(() => g.link('cuont.out', 'double.in'));
    expect(error.code).toBe('ERR_NO_SUCH_COMPONENT');
    expect(error.message).toBe(
      "Graph 'main' has no component named 'cuont' (did you mean 'count'?). Its components are: 'count', 'double'.",
    );
  });

  test('an unknown box is reported with the boxes the component has', () => {
    const g = graph();
    const count = g.add('count', Count);
    const error = errorOf(() => (count as { outbox(name: string): unknown }).outbox('uot'));
    expect(error.code).toBe('ERR_NO_SUCH_OUTBOX');
    expect(error.message).toBe(
      "Component 'count' (Count) has no outbox 'uot' (did you mean 'out'?). Its outboxes are: 'out'.",
    );
    expect(errorOf(() => g.link('count.out', 'count.in')).code).toBe('ERR_NO_SUCH_INBOX');
  });

  test('a link goes from an outbox to an inbox', () => {
    const g = graph();
    const a = g.add('a', Double);
    const b = g.add('b', Double);
    const error = errorOf(() => g.link(a.inbox('in') as never, b.inbox('in')));
    expect(error.code).toBe('ERR_BAD_LINK');
    expect(error.message).toContain("its first argument 'a.in' is an inbox");
    expect(errorOf(() => g.link('a', 'b.in')).message).toContain("write it as 'component.box'");
    expect(errorOf(() => g.link('self.in', 'b.in')).message).toContain('is not a composite');
  });

  test('capacity must be a whole number above zero; the default is documented', () => {
    const g = graph();
    g.add('a', Double);
    g.add('b', Double);
    expect(errorOf(() => g.link('a.out', 'b.in', { capacity: 0 })).message).toContain(
      'capacity must be a whole number above 0',
    );
    expect(errorOf(() => g.link('a.out', 'b.in', { capacity: 1.5 })).code).toBe('ERR_BAD_LINK');
    g.link('a.out', 'b.in');
    expect(g.stats().links[0]!.capacity).toBe(DEFAULT_CAPACITY);
    expect(graph('x', { capacity: 9 }).stats().links).toEqual([]);
  });

  test('a durable link must cross a backend that stores it: inline, the run is refused', async () => {
    const g = graph();
    g.add('a', Count, { params: { to: 3 } });
    g.add('b', Double);
    expect(errorOf(() => g.link('a.out', 'b.in', { durable: 'yes' as never })).message).toContain(
      'durable must be true or false',
    );
    g.link('a.out', 'b.in', { durable: true });
    const run = g.run();
    await expect(run).rejects.toMatchObject({ code: 'ERR_BAD_LINK' });
    await expect(run).rejects.toThrow(
      "Link a.out -> b.in is durable, but both its ends run on the main thread, where no store keeps its messages. Place one of its ends on nats (backend: 'nats'), or remove 'durable'.",
    );
  });

  test('a graph-wide default capacity applies to links that set none', () => {
    const g = graph('x', { capacity: 9 });
    g.add('a', Double);
    g.add('b', Double);
    g.link('a.out', 'b.in');
    g.link('a.out', 'b.in', { capacity: 2 });
    expect(g.stats().links.map((l) => l.capacity)).toEqual([9, 2]);
  });
});

describe('pipeline', () => {
  test("links each node's default outbox to the next node's default inbox", async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 4 } }),
      g.add('pass', Pass),
      g.add('sum', Sum),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(items).toEqual([10]);
  });

  test('a component without a default box cannot be piped', () => {
    const Split = defineComponent({
      name: 'Split',
      description: 'Splits numbers by parity.',
      outboxes: { even: box(z.number(), 'Even numbers.'), odd: box(z.number(), 'Odd numbers.') },
      body() {},
    });
    const g = graph();
    const error = errorOf(() => g.pipeline(g.add('split', Split), g.add('pass', Pass)));
    expect(error.code).toBe('ERR_NO_DEFAULT_BOX');
    expect(error.message).toBe(
      "Component 'split' (Split) has no default outbox for pipeline(): it has no 'out' outbox and not exactly one outbox (it has: 'even', 'odd'). Link it by box name with link().",
    );
  });
});

describe('running', () => {
  test('an empty graph completes at once', async () => {
    await expect(graph().run()).resolves.toEqual({ status: 'completed' });
  });

  test('a graph runs once', async () => {
    const g = graph('once');
    await g.run();
    await expect(g.run()).rejects.toThrow("Graph 'once' has already run");
    expect(errorOf(() => g.add('late', Double)).code).toBe('ERR_GRAPH_STATE');
  });

  test('a component placed on a backend the run was not given fails the run, saying how to fix it', async () => {
    const g = graph();
    g.add('d', Double, { backend: 'quantum' });
    const error = await g.run().catch((e: unknown) => e as Error);
    expect(isPlexusError(error, 'ERR_NO_BACKEND')).toBe(true);
    expect((error as Error).message).toContain(
      "Component 'd' (Double) is placed on backend 'quantum', but run() was given no backend of that name and @plexus/quantum could not be loaded (Cannot find module '@plexus/quantum'",
    );
    expect((error as Error).message).toContain(
      'Install @plexus/quantum, or pass the backend in run({ backends: [...] }).',
    );
  });

  test('stats() reports every component and link, with live counters', async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 5 } }),
      g.add('double', Double),
      g.add('sink', collector(items)),
    );
    expect(g.stats().components.map((c) => `${c.name}:${c.type}:${c.state}`)).toEqual([
      'count:Count:idle',
      'double:Double:idle',
      'sink:Collector:idle',
    ]);
    await g.run();
    expect(g.stats()).toEqual({
      components: [
        { name: 'count', type: 'Count', backend: 'inline', state: 'ended' },
        { name: 'double', type: 'Double', backend: 'inline', state: 'ended' },
        { name: 'sink', type: 'Collector', backend: 'inline', state: 'ended' },
      ],
      links: [
        expect.objectContaining({
          from: 'count.out',
          to: 'double.in',
          sent: 5,
          delivered: 5,
          queued: 0,
          dropped: 0,
          closed: true,
        }),
        expect.objectContaining({
          from: 'double.out',
          to: 'sink.in',
          sent: 5,
          delivered: 5,
          queued: 0,
          dropped: 0,
          closed: true,
        }),
      ],
    });
  });

  test('a link whose receiver ends early counts what it held as dropped, not delivered', async () => {
    const TakeThree = defineComponent({
      name: 'TakeThree',
      description: 'Takes three numbers and ends.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        for (let i = 0; i < 3; i++) if (await inbox.in.wait()) inbox.in.recv();
      },
    });
    const g = graph();
    g.pipeline(g.add('count', Count, { params: { to: 10 } }), g.add('take', TakeThree));
    await g.run();
    const link = g.stats().links[0]!;
    // The source stops once its link is broken; what the link held then was sent, not taken.
    expect([link.delivered, link.queued]).toEqual([3, 0]);
    expect(link.dropped).toBeGreaterThan(0);
    expect(link.sent).toBe(link.delivered + link.dropped);
  });

  test('lifecycle events arrive in order: graph start, component starts and ends, graph complete', async () => {
    const g = graph();
    const events: string[] = [];
    g.on('start', () => events.push('start'));
    g.on('component:start', (c) => events.push(`+${c.name}`));
    g.on('component:end', (c) => events.push(`-${c.name}`));
    g.on('link:add', (l) => events.push(`link ${l.from}->${l.to}`));
    g.on('complete', (r) => events.push(`complete ${r.status}`));
    g.pipeline(
      g.add('count', Count, { params: { to: 2 } }),
      g.add('sum', Sum),
      g.add('sink', collector([])),
    );
    await g.run();
    expect(events).toEqual([
      'link count.out->sum.in',
      'link sum.out->sink.in',
      'start',
      '+count',
      '+sum',
      '+sink',
      '-count',
      '-sum',
      '-sink',
      'complete completed',
    ]);
  });
});
