import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, type Outbox, runComponent, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count } from '@plexus/scenarios/components';

/** A sink that reads only when the test opens its gate, one message per opening. */
function gated() {
  const opened: (() => void)[] = [];
  const items: number[] = [];
  const Gated = defineComponent({
    name: 'Gated',
    description: 'Reads one message each time the test opens the gate.',
    inboxes: { in: box(z.number(), 'Numbers.') },
    async body({ inbox, signal }) {
      signal.addEventListener('abort', () => {
        for (const resolve of opened.splice(0)) resolve();
      });
      for (;;) {
        await new Promise<void>((resolve) => opened.push(resolve));
        if (!(await inbox.in.wait())) return;
        items.push(inbox.in.recv());
      }
    },
  });
  const open = () => opened.shift()?.();
  return { Gated, items, open };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('send', () => {
  test('a send into a full link waits until the receiver takes a message', async () => {
    const { Gated, items, open } = gated();
    const g = graph();
    g.link(
      g.add('count', Count, { params: { to: 10 } }).outbox('out'),
      g.add('gated', Gated).inbox('in'),
      { capacity: 3 },
    );
    const done = g.run();
    await settle();
    const link = () => g.stats().links[0]!;
    expect([link().sent, link().queued]).toEqual([3, 3]);
    open();
    await settle();
    expect(items).toEqual([1]);
    expect([link().sent, link().queued]).toEqual([4, 3]);
    for (let i = 0; i < 11; i++) {
      open();
      await settle();
    }
    await done;
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test('memory stays bounded: a fast producer never has more than capacity messages in flight', async () => {
    let most = 0;
    const Slow = defineComponent({
      name: 'Slow',
      description: 'Takes one message per macrotask and watches the link.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        for await (const _ of inbox.in) {
          const link = g.stats().links[0]!;
          most = Math.max(most, link.sent - link.delivered);
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    });
    const g = graph();
    g.link(
      g.add('count', Count, { params: { to: 20_000 } }).outbox('out'),
      g.add('slow', Slow).inbox('in'),
      { capacity: 16 },
    );
    await g.run({ checked: false });
    // Measured just after taking one: the producer had filled the link, and never beyond it.
    expect(most).toBeGreaterThanOrEqual(15);
    expect(most).toBeLessThanOrEqual(16);
    expect(g.stats().links[0]).toMatchObject({ sent: 20_000, delivered: 20_000 });
  });

  test('trySend sends only when every target has room, and says whether it did', async () => {
    const results: boolean[] = [];
    const Try = defineComponent({
      name: 'Try',
      description: 'Tries to send five numbers at once.',
      outboxes: { out: box(z.number(), 'Numbers.') },
      async body({ outbox }) {
        for (let i = 1; i <= 5; i++) results.push(outbox.out.trySend(i));
      },
    });
    const items: unknown[] = [];
    const g = graph();
    const sink = g.add('sink', collector(items));
    const tryer = g.add('try', Try);
    g.link(tryer.outbox('out'), sink.inbox('in'), { capacity: 2 });
    g.link(tryer.outbox('out'), sink.inbox('in'), { capacity: 3 });
    await g.run();
    expect(results).toEqual([true, true, false, false, false]);
    expect(items).toEqual([1, 1, 2, 2]);
  });

  test('fan-out delivers the very same message object to every target (inline)', async () => {
    const received: unknown[] = [];
    const One = defineComponent({
      name: 'One',
      description: 'Sends one record.',
      outboxes: { out: box(z.object({ n: z.number() }), 'A record.') },
      async body({ outbox }) {
        await outbox.out.send({ n: 1 });
      },
    });
    const g = graph();
    const one = g.add('one', One);
    for (const name of ['a', 'b', 'c'])
      g.link(one.outbox('out'), g.add(name, collector(received)).inbox('in'));
    await g.run();
    expect(received).toHaveLength(3);
    expect(received[1]).toBe(received[0]);
    expect(received[2]).toBe(received[0]);
  });

  test('starting a second send while one waits is an error, so order is never ambiguous', async () => {
    const Greedy = defineComponent({
      name: 'Greedy',
      description: 'Starts sends without awaiting them.',
      outboxes: { out: box(z.number(), 'Numbers.') },
      async body({ outbox }) {
        await Promise.all([1, 2, 3, 4].map((n) => outbox.out.send(n)));
      },
    });
    const { Gated } = gated();
    const g = graph();
    g.link(g.add('greedy', Greedy).outbox('out'), g.add('gated', Gated).inbox('in'), {
      capacity: 1,
    });
    await expect(g.run()).rejects.toThrow(
      "started a send on outbox 'out' while another send on it was still waiting for room",
    );
  });

  test('an optional outbox left unlinked drops what is sent to it', async () => {
    const Both = defineComponent({
      name: 'Both',
      description: 'Sends on a required and an optional outbox.',
      outboxes: {
        out: box(z.number(), 'Numbers.'),
        debug: box(z.string(), 'Debug lines.', { optional: true }),
      },
      async body({ outbox }) {
        await outbox.debug.send('starting');
        await outbox.out.send(1);
      },
    });
    const g = graph();
    const items: unknown[] = [];
    g.link(g.add('both', Both).outbox('out'), g.add('sink', collector(items)).inbox('in'));
    await g.run();
    expect(items).toEqual([1]);
  });

  test('sending after the body has finished is an error naming the outbox', async () => {
    let kept: Outbox<number> | undefined;
    const Leaky = defineComponent({
      name: 'Leaky',
      description: 'Keeps its outbox after returning.',
      outboxes: { out: box(z.number(), 'Numbers.') },
      body({ outbox }) {
        kept = outbox.out;
      },
    });
    await runComponent(Leaky);
    expect(() => kept!.send(1)).toThrow(
      "Component 'Leaky' (Leaky) sent on outbox 'out' after its body had finished",
    );
  });
});

describe('waitRoom', () => {
  /** Deals numbers 1… to outboxes a and b: trySend to a, else b, else waitRoom; records where. */
  const dealer = (count: number, dealt: string[]) =>
    defineComponent({
      name: 'Dealer',
      description: 'Sends each number to whichever outbox has room, waiting for the first.',
      outboxes: { a: box(z.number(), 'Some numbers.'), b: box(z.number(), 'The others.') },
      async body({ outbox, waitRoom }) {
        for (let n = 1; n <= count; n++) {
          let into = outbox.a.trySend(n) ? 'a' : outbox.b.trySend(n) ? 'b' : undefined;
          if (into === undefined) {
            const free = await waitRoom(outbox.a, outbox.b);
            free.trySend(n);
            into = free === outbox.a ? 'a' : 'b';
          }
          dealt.push(into);
        }
      },
    });

  test('returns at once an outbox that has room', async () => {
    const dealt: string[] = [];
    const g = graph();
    const d = g.add('dealer', dealer(3, dealt));
    g.link(d.outbox('a'), g.add('sinkA', collector([])).inbox('in'));
    g.link(d.outbox('b'), g.add('sinkB', collector([])).inbox('in'));
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(dealt).toEqual(['a', 'a', 'a']);
  });

  test('with every outbox full, resolves with the first to get room', async () => {
    const dealt: string[] = [];
    const a = gated();
    const b = gated();
    const g = graph('deal', { capacity: 1 });
    const d = g.add('dealer', dealer(4, dealt));
    g.link(d.outbox('a'), g.add('a', a.Gated).inbox('in'));
    g.link(d.outbox('b'), g.add('b', b.Gated).inbox('in'));
    const done = g.run({ deadlockTimeout: false });
    await settle();
    expect(dealt).toEqual(['a', 'b']);
    expect(g.stats().components.find((c) => c.name === 'dealer')?.waiting).toBe("outbox 'a'");
    b.open();
    await settle();
    expect(dealt).toEqual(['a', 'b', 'b']);
    a.open();
    await settle();
    expect(dealt).toEqual(['a', 'b', 'b', 'a']);
    await g.stop();
    await done;
  });

  test('a stop while it waits ends the component as stopped', async () => {
    const a = gated();
    const b = gated();
    const g = graph('deal', { capacity: 1 });
    const d = g.add('dealer', dealer(10, []));
    g.link(d.outbox('a'), g.add('a', a.Gated).inbox('in'));
    g.link(d.outbox('b'), g.add('b', b.Gated).inbox('in'));
    const done = g.run({ deadlockTimeout: false });
    await settle();
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(g.stats().components.find((c) => c.name === 'dealer')?.state).toBe('stopped');
  });
});
