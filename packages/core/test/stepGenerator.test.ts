import { describe, expect, test } from '@jest/globals';
import {
  box,
  defineComponent,
  graph,
  isPlexusError,
  type NodeHandle,
  type Steps,
  z,
} from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Forever, Pass } from '@plexus/scenarios/components';

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
};

/** A node of a token ring, as a generator body: passes the token on one less, ends at 0. */
const StepNode = defineComponent({
  name: 'StepNode',
  description: 'Passes the token on, one less; ends when it receives 0.',
  inboxes: { in: box(z.number(), 'The token.') },
  outboxes: { out: box(z.number(), 'The token, one less.') },
  params: z.object({ token: z.number().int().min(0).default(0) }),
  *body({ inbox, outbox, params }): Steps {
    const input = inbox.in;
    const output = outbox.out;
    if (params.token > 0) yield output.send(params.token);
    while (yield input) {
      const token = input.recv();
      if (token === 0) return;
      if (!output.trySend(token - 1)) yield output.send(token - 1);
    }
  },
});

function ring(size: number, token: number) {
  const g = graph('ring');
  const nodes: NodeHandle[] = [g.add('n0', StepNode, { params: { token } })];
  for (let i = 1; i < size; i++) nodes.push(g.add(`n${i}`, StepNode));
  for (let i = 0; i < size; i++)
    g.link(nodes[i]!.outbox('out'), nodes[(i + 1) % size]!.inbox('in'));
  return g;
}

describe('generator bodies', () => {
  test('yielding its inbox waits for a message (true) or the end of the stream (false)', async () => {
    const seen: unknown[] = [];
    const Record = defineComponent({
      name: 'Record',
      description: 'Records what each yield of its inbox gave back, and the message.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      *body({ inbox }): Steps {
        for (;;) {
          const ready = yield inbox.in;
          seen.push(ready);
          if (!ready) return;
          seen.push(inbox.in.recv());
        }
      },
    });
    const g = graph();
    g.pipeline(g.add('count', Count, { params: { to: 3 } }), g.add('record', Record));
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([true, 1, true, 2, true, 3, false]);
  });

  test('yielding a promise waits for it and gives back its value; a rejection is thrown into the body', async () => {
    const items: unknown[] = [];
    const Waits = defineComponent({
      name: 'Waits',
      description: 'Yields a timer and a failing promise, and reports what came back.',
      outboxes: { out: box(z.string(), 'What the yields gave.') },
      *body({ outbox }): Steps {
        const value = yield new Promise((resolve) => setTimeout(() => resolve('late'), 5));
        yield outbox.out.send(`value ${value}`);
        try {
          yield Promise.reject(new RangeError('no such thing'));
        } catch (error) {
          yield outbox.out.send(`caught ${(error as Error).name}`);
        }
      },
    });
    const g = graph();
    g.pipeline(g.add('waits', Waits), g.add('sink', collector(items)));
    await g.run();
    expect(items).toEqual(['value late', 'caught RangeError']);
  });

  test('a body can run a chain of generator and async stages, mixed, in order', async () => {
    const items: unknown[] = [];
    const g = graph();
    const StepDouble = defineComponent({
      name: 'StepDouble',
      description: 'Doubles each number (a generator body).',
      inboxes: { in: box(z.number(), 'Numbers.') },
      outboxes: { out: box(z.number(), 'Doubled.') },
      *body({ inbox, outbox }): Steps {
        while (yield inbox.in) yield outbox.out.send(inbox.in.recv() * 2);
      },
    });
    g.pipeline(
      g.add('count', Count, { params: { to: 500 } }),
      g.add('a', StepDouble),
      g.add('b', Pass),
      g.add('c', StepDouble),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(items).toEqual(Array.from({ length: 500 }, (_, i) => (i + 1) * 4));
  });

  test('a token passes round a ring of 2,000 generator bodies many times without growing the stack', async () => {
    const g = ring(2000, 50_000);
    const ended: string[] = [];
    g.on('component:end', (c) => ended.push(c.name));
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    // n0 sends 50,000, so node k receives 50,001 − k (mod 2,000): 0 reaches n1, which ends
    // first; its end then travels round the ring.
    expect(ended[0]).toBe('n1');
    expect(ended).toHaveLength(2000);
  });

  test('timers still fire while generator bodies pass a token round without ever waiting', async () => {
    const g = ring(10, 200_000);
    let ticks = 0;
    let finished = false;
    const timer = setInterval(() => {
      if (!finished) ticks++;
    }, 1);
    try {
      await g.run();
    } finally {
      finished = true;
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  test('stop() throws the stop error into a body parked on its inbox, so its finally runs and it ends stopped', async () => {
    const cleaned: string[] = [];
    const Tidy = defineComponent({
      name: 'Tidy',
      description: 'Waits on its inbox forever, and notes when its finally block runs.',
      inboxes: { in: box(z.any(), 'Anything.') },
      *body({ inbox }): Steps {
        try {
          while (yield inbox.in) inbox.in.recv();
        } catch (error) {
          cleaned.push(isPlexusError(error, 'ERR_STOPPED') ? 'stop error' : String(error));
          throw error;
        } finally {
          cleaned.push('finally');
        }
      },
    });
    const g = graph();
    g.pipeline(g.add('forever', Forever), g.add('tidy', Tidy));
    const done = g.run();
    await until(() => (g.stats().links[0]?.delivered ?? 0) > 10);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(cleaned).toEqual(['stop error', 'finally']);
    expect(g.stats().components.find((c) => c.name === 'tidy')?.state).toBe('stopped');
  });

  test('a supervised generator body that crashes is run again on its boxes, with a fresh generator', async () => {
    let crashed = false;
    const Flaky = defineComponent({
      name: 'Flaky',
      description: 'Passes numbers on (yielding every send); crashes once, on 7.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      outboxes: { out: box(z.number(), 'The same numbers.') },
      *body({ inbox, outbox }): Steps {
        while (yield inbox.in) {
          const n = inbox.in.recv();
          if (n === 7 && !crashed) {
            crashed = true;
            throw new RangeError('seven');
          }
          yield outbox.out.send(n);
        }
      },
    });
    const items: unknown[] = [];
    const g = graph('main', { capacity: 2 });
    g.pipeline(
      g.add('count', Count, { params: { to: 30 } }),
      g.add('flaky', Flaky, { supervise: {} }),
      g.add('sink', collector(items)),
    );
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(items).toEqual(Array.from({ length: 30 }, (_, i) => i + 1).filter((n) => n !== 7));
    expect(g.stats().components.find((c) => c.name === 'flaky')).toMatchObject({
      state: 'ended',
      restarts: 1,
    });
  });

  test('yielding anything but its own inbox or a promise throws ERR_BAD_YIELD into the body, naming what it yielded', async () => {
    const messages: string[] = [];
    const Confused = defineComponent({
      name: 'Confused',
      description: 'Yields a number and a bare yield, and reports the errors.',
      *body(): Steps {
        for (const wrong of [42, undefined]) {
          try {
            yield wrong;
          } catch (error) {
            if (isPlexusError(error, 'ERR_BAD_YIELD')) messages.push(error.message);
          }
        }
      },
    });
    const g = graph();
    g.add('confused', Confused);
    await g.run();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("Component 'confused' (Confused) yielded number 42");
    expect(messages[0]).toContain('yield one of its own inboxes');
    expect(messages[1]).toContain('a bare `yield`');
  });

  test('an uncaught error in a generator body fails the graph, naming the component', async () => {
    const Breaks = defineComponent({
      name: 'Breaks',
      description: 'Fails on the first message.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      *body({ inbox }): Steps {
        while (yield inbox.in) throw new TypeError(`bad ${inbox.in.recv()}`);
      },
    });
    const g = graph();
    g.pipeline(g.add('count', Count, { params: { to: 3 } }), g.add('breaks', Breaks));
    const error = await g.run().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(error?.message).toContain("Component 'breaks' (Breaks");
    expect(error?.message).toContain('TypeError: bad 1');
  });

  test('an async generator body is refused when it is defined, saying which styles work', () => {
    const define = () =>
      defineComponent({
        name: 'Streamy',
        description: 'An async generator body.',
        async *body() {},
      } as never);
    expect(define).toThrow(
      /Component definition 'Streamy': its body is an async generator \(async \*body\).*write an async body\(\) that awaits, or a generator \*body\(\)/,
    );
  });
});
