import { describe, expect, test } from '@jest/globals';
import { box, type Context, defineComponent, graph, runComponent, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Emit } from '@plexus/scenarios/components';

const numbers = { in: box(z.number(), 'Numbers.') };

/** A sink whose body the test writes. */
function probe(body: (ctx: Context<typeof numbers, {}, unknown>) => Promise<void>) {
  return defineComponent({
    name: 'Probe',
    description: 'Runs the test body.',
    inboxes: numbers,
    body,
  });
}

async function runProbe(
  to: number,
  body: (ctx: Context<typeof numbers, {}, unknown>) => Promise<void>,
) {
  const g = graph();
  g.pipeline(g.add('count', Count, { params: { to } }), g.add('probe', probe(body)));
  return g.run();
}

describe('the Kamaelia style: dataReady, recv, wait', () => {
  test('drains synchronously, awaiting only when the inbox is empty, and wait() is false at the end', async () => {
    const seen: number[] = [];
    let waits = 0;
    await runProbe(200, async ({ inbox }) => {
      for (;;) {
        waits++;
        if (!(await inbox.in.wait())) break;
        while (inbox.in.dataReady()) seen.push(inbox.in.recv());
      }
      expect(inbox.in.dataReady()).toBe(false);
      await expect(inbox.in.wait()).resolves.toBe(false);
    });
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Messages arrive in bursts of up to the link's capacity, not one wake-up per message.
    expect(waits).toBeLessThan(20);
  });

  test('size counts what is waiting', async () => {
    await runProbe(5, async ({ inbox }) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(inbox.in.size).toBe(5);
      inbox.in.recv();
      expect(inbox.in.size).toBe(4);
      while (inbox.in.dataReady()) inbox.in.recv();
    });
  });

  test('recv() on an empty inbox throws a sentence that says what to do instead', async () => {
    const error = await runProbe(0, async ({ inbox }) => {
      inbox.in.recv();
    }).catch((e: Error) => e);
    expect((error as Error).message).toContain(
      "called recv() on inbox 'in' while it was empty. Check dataReady() first, or await wait().",
    );
  });

  test('waiting twice at once on one inbox is an error', async () => {
    const Silent = defineComponent({
      name: 'Silent',
      description: 'Sends nothing until stopped.',
      outboxes: { out: box(z.number(), 'Nothing.') },
      async body({ signal }) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
    });
    const g = graph();
    const twice = probe(async ({ inbox }) => {
      const first = inbox.in.wait();
      const second = inbox.in.wait();
      await Promise.all([first, second]);
    });
    g.pipeline(g.add('silent', Silent), g.add('probe', twice));
    const error = await g.run().catch((e: Error) => e);
    expect((error as Error).message).toContain("waited on inbox 'in' twice at once");
  });
});

describe('the for-await style', () => {
  test('iterates every message and ends when all links have closed and the inbox is drained', async () => {
    const seen: number[] = [];
    await runProbe(100, async ({ inbox }) => {
      for await (const n of inbox.in) seen.push(n);
    });
    expect(seen).toHaveLength(100);
  });

  test('breaking out of the loop does not end the inbox; the rest can still be read', async () => {
    const seen: number[] = [];
    await runProbe(10, async ({ inbox }) => {
      for await (const n of inbox.in) {
        seen.push(n);
        if (n === 3) break;
      }
      for await (const n of inbox.in) seen.push(-n);
    });
    expect(seen).toEqual([1, 2, 3, -4, -5, -6, -7, -8, -9, -10]);
  });
});

/**
 * Sends `items` one `gapMs` after another (so a reader has emptied its inbox before each), round
 * and round with `forever`; its waits end at a stop.
 */
const Paced = defineComponent({
  name: 'Paced',
  description: 'Sends its items gapMs apart, once or forever.',
  outboxes: { out: box(z.unknown(), 'The items.') },
  params: z.object({
    items: z.array(z.unknown()),
    gapMs: z.number().default(0),
    forever: z.boolean().default(false),
  }),
  async body({ outbox, params, signal }) {
    do {
      for (const item of params.items) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, params.gapMs);
          signal.addEventListener('abort', () => resolve(clearTimeout(timer)), { once: true });
        });
        await outbox.out.send(item);
      }
    } while (params.forever);
  },
});

/** A graph of Paced feeding a probe that runs `body`. */
function paced(
  items: unknown[],
  body: Parameters<typeof probe>[0],
  options: { gapMs?: number; forever?: boolean } = {},
) {
  const g = graph();
  g.add('paced', Paced, { params: { items, ...options } });
  g.add('probe', probe(body));
  // By name: Paced sends unknown items, which `pipeline` (like `link` by handle) would refuse.
  g.link('paced.out', 'probe.in');
  return g;
}

describe('the for-await style, with a reader that waits for every message', () => {
  test('gets every message in order, and the loop ends when the sender ends', async () => {
    const seen: number[] = [];
    let waitedEmpty = 0;
    const g = paced([1, 2, 3, 4, 5], async ({ inbox }) => {
      for await (const n of inbox.in) {
        seen.push(n);
        if (!inbox.in.dataReady()) waitedEmpty++;
      }
    });
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(waitedEmpty).toBe(5);
  });

  test('a message that fails the inbox check while the reader waits fails the reader', async () => {
    const g = paced([1, 'two'], async ({ inbox }) => {
      for await (const _ of inbox.in);
    });
    const error = await g.run({ checked: true }).catch((e: Error) => e);
    expect((error as Error & { code?: string }).code).toBe('ERR_COMPONENT_FAILED');
    expect((error as Error).message).toContain(
      "Component 'probe' (Probe, inline) received on inbox 'in' a message from 'paced.out' that does not fit the inbox's schema",
    );
  });

  test('a stop while the reader waits ends it as stopped, and nothing after', async () => {
    const seen: number[] = [];
    const g = paced(
      [1],
      async ({ inbox }) => {
        for await (const n of inbox.in) seen.push(n);
      },
      { forever: true },
    );
    const done = g.run();
    while (seen.length < 3) await new Promise((resolve) => setImmediate(resolve));
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(g.stats().components.find((c) => c.name === 'probe')?.state).toBe('stopped');
  });
});

describe('waitFor: a wait with a timeout', () => {
  test("resolves 'timeout' when nothing comes in time, then true when a message does, false at the end", async () => {
    const results: unknown[] = [];
    const g = paced(
      [7],
      async ({ inbox }) => {
        results.push(await inbox.in.waitFor(20));
        results.push(await inbox.in.waitFor(5_000));
        results.push(inbox.in.recv());
        results.push(await inbox.in.waitFor(5_000));
      },
      { gapMs: 150 },
    );
    const started = Date.now();
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(results).toEqual(['timeout', true, 7, false]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('a message already waiting resolves true at once, and no timeout is armed', async () => {
    const results: unknown[] = [];
    await runProbe(3, async ({ inbox }) => {
      await inbox.in.wait();
      results.push(await inbox.in.waitFor(0), inbox.in.recv());
    });
    expect(results).toEqual([true, 1]);
  });

  test('stats() says until when the wait gives up, and a stop while waiting ends the component', async () => {
    let caught: unknown;
    const g = paced(
      [1],
      async ({ inbox }) => {
        try {
          await inbox.in.waitFor(30_000);
        } catch (error) {
          caught = error;
          throw error;
        }
      },
      { gapMs: 60_000 },
    );
    const done = g.run();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const probeInfo = g.stats().components.find((c) => c.name === 'probe');
    expect(probeInfo?.waiting).toBe("inbox 'in'");
    expect(probeInfo?.until).toBeGreaterThan(Date.now() + 25_000);
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect((caught as { code?: string }).code).toBe('ERR_STOPPED');
  });
});

describe('waitAny', () => {
  const Merge = defineComponent({
    name: 'Merge',
    description: 'Forwards from two inboxes, tagging which one, until both end.',
    inboxes: { a: box(z.number(), 'A numbers.'), b: box(z.number(), 'B numbers.') },
    outboxes: { out: box(z.string(), 'Tagged numbers.') },
    async body({ inbox, outbox, waitAny }) {
      for (
        let ready = await waitAny(inbox.a, inbox.b);
        ready !== undefined;
        ready = await waitAny(inbox.a, inbox.b)
      ) {
        await outbox.out.send(`${ready.name}${ready.recv()}`);
      }
    },
  });

  test('returns an inbox with a message, and undefined once all have ended', async () => {
    const { out } = await runComponent(Merge, { a: [1, 2, 3], b: [10, 20] });
    expect(out.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(out.filter((s) => s.startsWith('b'))).toEqual(['b10', 'b20']);
  });
});

describe('unlinked inboxes', () => {
  const Listener = defineComponent({
    name: 'Listener',
    description: 'Reports how many messages each inbox gave.',
    inboxes: {
      in: box(z.number(), 'Numbers.'),
      control: box(z.string(), 'Commands.', { optional: true }),
    },
    outboxes: { out: box(z.string(), 'A report.') },
    async body({ inbox, outbox }) {
      let n = 0;
      let c = 0;
      for await (const _ of inbox.in) n++;
      for await (const _ of inbox.control) c++;
      await outbox.out.send(`${n}/${c}`);
    },
  });

  test('an optional inbox left unlinked ends at once', async () => {
    const g = graph();
    const items: unknown[] = [];
    const listener = g.add('listener', Listener);
    g.link(g.add('count', Count, { params: { to: 3 } }).outbox('out'), listener.inbox('in'));
    g.link(listener.outbox('out'), g.add('sink', collector(items)).inbox('in'));
    await g.run();
    expect(items).toEqual(['3/0']);
  });

  test('a required inbox left unlinked fails a checked run, and simply ends in fast mode', async () => {
    const build = () => {
      const g = graph();
      const items: unknown[] = [];
      const listener = g.add('listener', Listener);
      g.link(g.add('emit', Emit).outbox('out'), listener.inbox('control'));
      g.link(listener.outbox('out'), g.add('sink', collector(items)).inbox('in'));
      return { g, items };
    };
    const checked = build();
    await expect(checked.g.run({ checked: true })).rejects.toThrow(
      "Component 'listener' (Listener, inline) has nothing linked into inbox 'in'. Link it, or declare the inbox optional",
    );
    const fast = build();
    await fast.g.run({ checked: false });
    expect(fast.items).toEqual(['0/0']);
  });
});
