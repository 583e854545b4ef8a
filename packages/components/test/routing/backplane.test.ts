import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { Backplane, collectInto, FromItems, PublishTo, SubscribeTo } from '../../src/index.ts';
import { backplaneMembers } from '../../src/internal/backplanes.ts';
import { uniqueName, until } from '../helpers.ts';

describe('Backplane', () => {
  test('keeps subscribers alive after publishers leave; later publishers reach them; stop ends all', async () => {
    const backplane = uniqueName('server');
    const seen: string[] = [];
    const g = graph();
    g.add('plane', Backplane, { params: { backplane } });
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane } }),
      g.add('sink', collectInto(seen)),
    );
    g.pipeline(
      g.add('client1', FromItems, { params: { items: ['one'] } }),
      g.add('pub1', PublishTo, { params: { backplane } }),
    );
    const run = g.run();
    await until(() => seen.length === 1);
    await until(() => g.stats().components.find((c) => c.name === 'pub1')?.state === 'ended');
    expect(backplaneMembers(backplane)).toEqual({ publishers: 1, subscribers: 1 });
    g.pipeline(
      g.add('client2', FromItems, { params: { items: ['two'] } }),
      g.add('pub2', PublishTo, { params: { backplane } }),
    );
    await until(() => seen.length === 2);
    await g.stop();
    await expect(run).resolves.toEqual({ status: 'stopped' });
    expect(seen).toEqual(['one', 'two']);
    expect(backplaneMembers(backplane)).toEqual({ publishers: 0, subscribers: 0 });
  });

  test('a graceful stop stops it like any source, its subscribers end with it, and the run ends', async () => {
    const backplane = uniqueName('graceful');
    const g = graph();
    g.add('plane', Backplane, { params: { backplane } });
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane } }),
      g.add('sink', collectInto([])),
    );
    const run = g.run();
    await until(() => backplaneMembers(backplane).publishers === 1);
    await g.stop({ graceful: true });
    await expect(run).resolves.toEqual({ status: 'stopped' });
    expect(g.stats().components.map((c) => c.state)).toEqual(['stopped', 'ended', 'ended']);
  });
});

describe('Backplane scope: one thread', () => {
  test('publishers and subscribers in one worker group meet there', async () => {
    const backplane = uniqueName('worker');
    const seen: number[] = [];
    const g = graph();
    const inWorker = { backend: 'worker', group: 'bp' } as const;
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3] }, ...inWorker }),
      g.add('pub', PublishTo, { params: { backplane }, ...inWorker }),
    );
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane }, ...inWorker }),
      g.add('sink', collectInto(seen)),
    );
    await expect(g.run({ backends: [workerBackend()] })).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([1, 2, 3]);
  });

  test('a publisher on a worker does not reach a subscriber on the main thread', async () => {
    const backplane = uniqueName('apart');
    const seen: number[] = [];
    const g = graph();
    g.pipeline(
      g.add('items', FromItems, { params: { items: [1, 2, 3] }, backend: 'worker', group: 'w' }),
      g.add('pub', PublishTo, { params: { backplane }, backend: 'worker', group: 'w' }),
    );
    g.pipeline(
      g.add('sub', SubscribeTo, { params: { backplane } }),
      g.add('sink', collectInto(seen)),
    );
    const run = g.run({ backends: [workerBackend()] });
    await until(() => g.stats().components.find((c) => c.name === 'pub')?.state === 'ended');
    expect(backplaneMembers(backplane)).toEqual({ publishers: 0, subscribers: 1 });
    await g.stop();
    await expect(run).resolves.toEqual({ status: 'stopped' });
    expect(seen).toEqual([]);
    expect(liveWorkers()).toBe(0);
  });
});
