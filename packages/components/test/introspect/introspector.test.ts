import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { inspector } from '@plexus/inspector';
import { collectInto, FromItems, type GraphChange, Introspector, Ticker } from '../../src/index.ts';
import { until } from '../helpers.ts';

describe('Introspector', () => {
  test('sends its own run as messages: components and links added, changed, counters; then ends', async () => {
    const changes: GraphChange[] = [];
    const words: string[] = [];
    const g = graph('watched');
    g.pipeline(
      g.add('ticks', Ticker, { params: { intervalMs: 15, count: 5 } }),
      g.add('sink', collectInto([])),
    );
    g.pipeline(
      g.add('words', FromItems, { params: { items: ['a', 'b'] } }),
      g.add('kept', collectInto(words)),
    );
    g.pipeline(
      g.add('introspector', Introspector, { params: { everyMs: 10 } }),
      g.add('changes', collectInto(changes)),
    );
    await g.run();
    const added = changes.filter((c) => c.kind === 'component' && c.change === 'added');
    expect(added.map((c) => (c as { name: string }).name)).toEqual([
      'ticks',
      'sink',
      'words',
      'kept',
      'introspector',
      'changes',
    ]);
    const links = changes.filter((c) => c.kind === 'link');
    expect(links).toContainEqual({
      kind: 'link',
      change: 'added',
      id: expect.any(Number),
      from: 'ticks.out',
      to: 'sink.in',
      capacity: 64,
    });
    // It ended once the ticker had ended: the last counters it sent show all five ticks.
    const ticksLink = (
      links.find((c) => c.kind === 'link' && c.from === 'ticks.out') as { id: number }
    ).id;
    const counted = changes.flatMap((c) => (c.kind === 'counters' ? c.links : []));
    expect(counted.filter((l) => l.id === ticksLink).pop()).toMatchObject({
      sent: 5,
      delivered: 5,
    });
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'component',
        change: 'changed',
        name: 'ticks',
        state: 'ended',
      }),
    );
    expect(words).toEqual(['a', 'b']);
  });

  test('with url, watches another run through its inspector, until that run ends', async () => {
    const watched = graph('elsewhere');
    watched.pipeline(
      watched.add('ticks', Ticker, { params: { intervalMs: 5 } }),
      watched.add('sink', collectInto([])),
    );
    const inspect = inspector({ onListening: () => {} });
    const running = watched.run({ inspect });
    const url = await inspect.ready;
    const changes: GraphChange[] = [];
    const watcher = graph('watcher');
    watcher.pipeline(
      watcher.add('introspector', Introspector, { params: { url } }),
      watcher.add('changes', collectInto(changes)),
    );
    const watching = watcher.run();
    await until(() => changes.some((c) => c.kind === 'counters'));
    await watched.stop();
    await running;
    await watching;
    expect(changes[0]).toMatchObject({ kind: 'component', change: 'added', name: 'ticks' });
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'link', change: 'added', from: 'ticks.out', to: 'sink.in' }),
    );
    expect(changes[changes.length - 1]).toEqual({ kind: 'ended', status: 'stopped' });
    await inspect.close();
  });

  test('with a url whose token is wrong, fails saying so', async () => {
    const watched = graph('guarded');
    watched.pipeline(
      watched.add('ticks', Ticker, { params: { intervalMs: 5 } }),
      watched.add('sink', collectInto([])),
    );
    const inspect = inspector({ onListening: () => {} });
    const running = watched.run({ inspect });
    const url = (await inspect.ready).replace(/token=\w+/, `token=${'0'.repeat(48)}`);
    const watcher = graph('refused');
    watcher.pipeline(
      watcher.add('introspector', Introspector, { params: { url } }),
      watcher.add('changes', collectInto([])),
    );
    await expect(watcher.run()).rejects.toThrow(/refused the token/);
    await watched.stop();
    await running;
    await inspect.close();
  });
});
