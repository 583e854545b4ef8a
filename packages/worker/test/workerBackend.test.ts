import { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { box, defineComponent, graph, isPlexusError, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Pass } from '@plexus/scenarios/components';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { makeHidden, Pair, WhereAmI, YoungLimit } from './fixtures/components.ts';

const backends = [workerBackend()];

afterEach(() => {
  jest.restoreAllMocks();
  expect(liveWorkers()).toBe(0);
});

describe('link capacity across the thread boundary', () => {
  /** Capacity of the link count.out -> pass.in, pass on a worker, as the run reports it. */
  async function crossing(linkCapacity?: number, graphCapacity?: number): Promise<number[]> {
    const g = graph('cap', graphCapacity === undefined ? {} : { capacity: graphCapacity });
    const items: unknown[] = [];
    const count = g.add('count', Count, { params: { to: 3 } });
    const pass = g.add('pass', Pass, { backend: 'worker' });
    g.link(
      count.outbox('out'),
      pass.inbox('in'),
      linkCapacity === undefined ? {} : { capacity: linkCapacity },
    );
    g.link(pass.outbox('out'), g.add('sink', collector(items)).inbox('in'));
    await g.run({ backends });
    expect(items).toEqual([1, 2, 3]);
    return g
      .stats()
      .links.filter((l) => l.from === 'count.out')
      .map((l) => l.capacity);
  }

  test('a link whose capacity nobody chose crosses with 1,024 (a window costs a round trip)', async () => {
    expect(await crossing()).toEqual([1024]);
  });

  test('a capacity chosen on the link or for the graph is kept exactly', async () => {
    expect(await crossing(64)).toEqual([64]);
    expect(await crossing(undefined, 32)).toEqual([32]);
  });
});

describe('memory', () => {
  async function youngLimit(options?: Record<string, unknown>): Promise<unknown[]> {
    const g = graph('young');
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 1 } }),
      g.add('young', YoungLimit, {
        backend: 'worker',
        ...(options === undefined ? {} : { options }),
      }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    return items;
  }

  test("a worker's young generation is small (3 MB) unless its resourceLimits say", async () => {
    expect(await youngLimit()).toEqual([3]);
    expect(await youngLimit({ resourceLimits: { maxYoungGenerationSizeMb: 12 } })).toEqual([12]);
  });
});

describe('placement', () => {
  test('components in one group share a thread; without a group, each gets its own', async () => {
    const g = graph();
    const items: { n: number; thread: number }[] = [];
    const a = g.add('a', WhereAmI, { backend: 'worker', group: 'pair' });
    const b = g.add('b', WhereAmI, { backend: 'worker', group: 'pair' });
    const c = g.add('c', WhereAmI, { backend: 'worker' });
    const sink = g.add('sink', collector(items));
    g.link(g.add('count', Count, { params: { to: 1 } }).outbox('out'), a.inbox('in'));
    g.link(g.add('count2', Count, { params: { to: 1 } }).outbox('out'), b.inbox('in'));
    g.link(g.add('count3', Count, { params: { to: 1 } }).outbox('out'), c.inbox('in'));
    for (const node of [a, b, c]) g.link(node.outbox('out'), sink.inbox('in'));
    await g.run({ backends });
    const threads = new Set(items.map((item) => item.thread));
    expect(items).toHaveLength(3);
    expect(threads.size).toBe(2);
    expect(threads.has(0)).toBe(false);
  });

  test('a composite placed on worker runs all its children in one thread', async () => {
    const g = graph();
    const items: { n: number; thread: number }[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 3 } }),
      g.add('pair', Pair, { backend: 'worker' }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    expect(items).toHaveLength(6);
    expect(new Set(items.map((i) => i.thread)).size).toBe(1);
    expect(g.stats().components.map((c) => `${c.name} ${c.backend}`)).toEqual([
      'count inline',
      'pair/left worker',
      'pair/right worker',
      'sink inline',
    ]);
  });

  test('placing on worker needs no backend option: @plexus/worker is loaded on demand', async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 3 } }),
      g.add('where', WhereAmI, { backend: 'worker' }),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(items).toHaveLength(3);
  });
});

describe('the data path', () => {
  test('the main thread relays no data between two workers', async () => {
    const posted: unknown[] = [];
    const original = MessagePort.prototype.postMessage;
    jest.spyOn(MessagePort.prototype, 'postMessage').mockImplementation(function (
      this: MessagePort,
      ...args: unknown[]
    ) {
      posted.push(args[0]);
      return (original as (...a: unknown[]) => void).apply(this, args);
    });
    const g = graph();
    const items: unknown[] = [];
    const Sum = (await import('@plexus/scenarios/components')).Sum;
    g.pipeline(
      g.add('count', Count, { params: { to: 5000 }, backend: 'worker' }),
      g.add('pass', Pass, { backend: 'worker' }),
      g.add('sum', Sum, { backend: 'worker' }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    expect(items).toEqual([12_502_500]);
    // The main thread posts credits back for the one message it receives, and no data at all.
    const data = posted.filter((m) => Array.isArray(m) && m[0] === 0);
    expect(data).toEqual([]);
    expect(g.stats().links.find((l) => l.from === 'count.out')).toMatchObject({
      sent: 5000,
      delivered: 5000,
    });
  });
});

describe('definitions that cannot be found on a worker are explained', () => {
  test('one defined in a test file', async () => {
    const Local = defineComponent({
      name: 'Local',
      description: 'Local.',
      outboxes: { out: box(z.number(), 'n') },
      body() {},
    });
    const g = graph();
    g.link(
      g.add('local', Local, { backend: 'worker' }).outbox('out'),
      g.add('sink', collector([])).inbox('in'),
    );
    const error = await g.run({ backends }).catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_NOT_IMPORTABLE')).toBe(true);
    expect((error as Error).message).toMatch(
      /^Component 'local' \(Local\) is placed on backend 'worker', so its definition must be importable there by module and export name, but it is defined in a test file \(.*workerBackend\.test\.ts\), which cannot be imported outside the test runner\. Move the definition into a module of its own and export it\.$/,
    );
  });

  test('one made inside a function', async () => {
    const g = graph();
    g.link(
      g.add('hidden', makeHidden(), { backend: 'worker' }).outbox('out'),
      g.add('sink', collector([])).inbox('in'),
    );
    const error = await g.run({ backends }).catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_NOT_IMPORTABLE')).toBe(true);
    expect((error as Error).message).toContain(
      "has no export that is the definition 'Hidden'. Export it from that module (export const Hidden = defineComponent(…)); a definition made inside a function cannot be found by another thread.",
    );
  });
});
