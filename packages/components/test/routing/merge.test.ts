import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { collectInto, FromItems, merge, Ticker } from '../../src/index.ts';

describe('merge', () => {
  test('merges its named inboxes, keeping each one’s order, and ends when all have ended', async () => {
    const left = [...Array(100).keys()].map((i) => `l${i}`);
    const right = [...Array(30).keys()].map((i) => `r${i}`);
    const { out } = await runComponent(merge(['left', 'right']), { left, right });
    expect(out.filter((m) => m.startsWith('l'))).toEqual(left);
    expect(out.filter((m) => m.startsWith('r'))).toEqual(right);
    expect(out).toHaveLength(130);
  });

  test('serves inboxes in turn, so a busy source does not starve another', async () => {
    const { out } = await runComponent(merge(['a', 'b']), { a: [1, 2, 3, 4], b: [10, 20] });
    expect(out.slice(0, 4).sort((x, y) => x - y)).toEqual([1, 2, 10, 20]);
  });

  test('tagged sends { from, message }', async () => {
    const { out } = await runComponent(merge(['left', 'right'], { tagged: true }), {
      left: ['x'],
      right: ['y'],
    });
    expect(out).toEqual([
      { from: 'left', message: 'x' },
      { from: 'right', message: 'y' },
    ]);
  });

  test('keeps running while one source still sends after the other has ended', async () => {
    const seen: unknown[] = [];
    const g = graph();
    const m = g.add('merge', merge(['quick', 'ticks']));
    g.link(g.add('quick', FromItems, { params: { items: ['q'] } }).outbox('out'), m.inbox('quick'));
    g.link(
      g.add('ticks', Ticker, { params: { intervalMs: 5, count: 3 } }).outbox('out'),
      m.inbox('ticks'),
    );
    g.link(m.outbox('out'), g.add('sink', collectInto(seen)).inbox('in'));
    await g.run();
    expect(seen).toEqual(['q', 0, 1, 2]);
  });
});
