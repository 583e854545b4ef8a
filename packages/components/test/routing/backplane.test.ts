import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
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

  test('a graceful stop stops it like any source, and the run ends', async () => {
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
    expect(g.stats().components.map((c) => c.state)).toEqual(['stopped', 'stopped', 'ended']);
  });
});
