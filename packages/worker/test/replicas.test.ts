import { afterEach, describe, expect, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Sift } from '@plexus/scenarios/components';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { Hash, Uneven } from './fixtures/components.ts';

const backends = [workerBackend()];

afterEach(() => {
  expect(liveWorkers()).toBe(0);
});

describe('replicas', () => {
  test('N replicas behind one node share the work, each message handled exactly once', async () => {
    const g = graph();
    const items: { n: number; thread: number }[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 400 } }),
      g.add('hash', Hash, { params: { rounds: 200 }, backend: 'worker', replicas: 3 }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    expect(items.map((item) => item.n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    const perThread = new Map<number, number>();
    for (const item of items) perThread.set(item.thread, (perThread.get(item.thread) ?? 0) + 1);
    expect(perThread.size).toBe(3);
    // Least-loaded distribution: nobody is starved.
    for (const count of perThread.values()) expect(count).toBeGreaterThan(20);
  });

  test('the node appears once, with its replicas beside it, and ends when all of them have', async () => {
    const g = graph();
    const starts: string[] = [];
    g.on('component:start', (c) => starts.push(c.name));
    g.pipeline(
      g.add('count', Count, { params: { to: 10 } }),
      g.add('hash', Hash, { backend: 'worker', replicas: 2 }),
      g.add('sink', collector([])),
    );
    await g.run({ backends });
    expect(starts.filter((name) => name.startsWith('hash'))).toEqual(['hash']);
    const components = g.stats().components.map((c) => `${c.name} ${c.state}`);
    expect(components).toEqual(
      expect.arrayContaining(['hash ended', 'hash#1 ended', 'hash#2 ended']),
    );
    const links = g.stats().links.map((l) => `${l.from} -> ${l.to}`);
    expect(links).toEqual(
      expect.arrayContaining([
        'count.out -> hash#1.in',
        'count.out -> hash#2.in',
        'hash#1.out -> sink.in',
        'hash#2.out -> sink.in',
      ]),
    );
  });

  test('ordered: the outputs come out in input order, however many each input makes and whenever they finish', async () => {
    const g = graph();
    const items: { n: number; k: number }[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 120 } }),
      g.add('uneven', Uneven, { backend: 'worker', replicas: 3, ordered: true }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    const expected: { n: number; k: number }[] = [];
    for (let n = 1; n <= 120; n++) for (let k = 0; k < n % 3; k++) expected.push({ n, k });
    expect(items).toEqual(expected);
  });

  test.each([false, true])(
    'stats of a completed run (ordered: %s): one row per replica link, each message counted once, none queued',
    async (ordered) => {
      const g = graph();
      const sift = g.add('sift', Sift, {
        params: { every: 1000 },
        backend: 'worker',
        replicas: 2,
        ordered,
      });
      g.link(g.add('count', Count, { params: { to: 1999 } }).outbox('out'), sift.inbox('in'));
      // Small links, so the replicas end before all their credits have come back.
      g.link(sift.outbox('out'), g.add('sink', collector([])).inbox('in'), { capacity: 64 });
      g.link(sift.outbox('bad'), g.add('sinkBad', collector([])).inbox('in'), { capacity: 64 });
      await g.run({ backends });
      const links = g.stats().links;
      const rows = (from: string) => links.filter((l) => l.from.replace(/#\d/, '') === from);
      for (const [from, to, total] of [
        ['count.out', ['sift#1.in', 'sift#2.in'], 1999],
        ['sift.out', ['sink.in'], 1998],
        ['sift.bad', ['sinkBad.in'], 1],
      ] as const) {
        const own = rows(from);
        expect(own.map((l) => `${l.from} -> ${l.to}`).sort()).toEqual(
          from === 'count.out'
            ? to.map((end) => `${from} -> ${end}`)
            : ['#1', '#2'].map((n) => `${from.replace('.', `${n}.`)} -> ${to[0]}`),
        );
        expect(own.reduce((sum, l) => sum + l.sent, 0)).toBe(total);
        for (const l of own) expect([l.from, l.delivered, l.queued]).toEqual([l.from, l.sent, 0]);
      }
      expect(new Set(links.map((l) => l.id)).size).toBe(links.length);
    },
  );

  test('without ordering, replicas that finish out of turn deliver out of order', async () => {
    const g = graph();
    const items: { n: number; k: number }[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 120 } }),
      g.add('uneven', Uneven, { backend: 'worker', replicas: 3 }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    const ns = items.map((item) => item.n);
    expect([...ns].sort((a, b) => a - b)).toEqual(ns.slice().sort((a, b) => a - b));
    expect(ns).not.toEqual([...ns].sort((a, b) => a - b));
  });

  test('ordered replicas need exactly one link in', async () => {
    const g = graph();
    const uneven = g.add('uneven', Uneven, { backend: 'worker', replicas: 2, ordered: true });
    g.link(g.add('a', Count).outbox('out'), uneven.inbox('in'));
    g.link(g.add('b', Count).outbox('out'), uneven.inbox('in'));
    g.link(uneven.outbox('out'), g.add('sink', collector([])).inbox('in'));
    const error = await g.run({ backends }).catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_BAD_LINK')).toBe(true);
    expect((error as Error).message).toContain(
      "Component 'uneven' (Uneven) has ordered replicas, which restore the order of one stream: it needs exactly one link in",
    );
  });
});
