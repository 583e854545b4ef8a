import { afterEach, describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { collectInto, FromItems, Seq } from '../../src/index.ts';

describe('Seq', () => {
  test('runs its steps one after another, each taking over the rest of the input', async () => {
    // Take may be handed 3 as it finishes: then that one message is lost with it.
    const { out } = await runComponent(
      Seq,
      { in: [1, 2, 3, 4, 5] },
      {
        params: {
          steps: [
            { use: '@plexus/components#Take', params: { count: 2 } },
            { use: '@plexus/components#Map', params: { expression: '$ * 10' } },
          ],
        },
      },
    );
    expect(out.slice(0, 2)).toEqual([1, 2]);
    expect([
      [30, 40, 50],
      [40, 50],
    ]).toContainEqual(out.slice(2));
  });

  test('a step without an inbox leaves the input for the next step; steps are removed when done', async () => {
    const seen: unknown[] = [];
    const g = graph('g');
    const seq = g.add('seq', Seq, {
      params: {
        steps: [
          { use: '@plexus/components#FromItems', params: { items: ['hello'] } },
          { use: '@plexus/components#FromItems', params: { items: ['world'] } },
          { use: '@plexus/components#Map', params: { expression: '"rest " & $' } },
        ],
      },
    });
    g.link(
      g.add('items', FromItems, { params: { items: ['a', 'b', 'c'] } }).outbox('out'),
      seq.inbox('in'),
    );
    g.link(seq.outbox('out'), g.add('seen', collectInto(seen)).inbox('in'));
    const started: string[] = [];
    g.on('component:start', (info) => started.push(info.name));
    await g.run();
    expect(seen).toEqual(['hello', 'world', 'rest a', 'rest b', 'rest c']);
    expect(started).toEqual(expect.arrayContaining(['seq-1', 'seq-2', 'seq-3']));
  });

  test('a step that cannot be loaded fails the Seq with ERR_CHILD', async () => {
    const failure = await runComponent(
      Seq,
      { in: [1] },
      {
        params: { steps: [{ use: '@plexus/components#Nope' }] },
      },
    ).catch((error: Error & { cause?: { code?: string } }) => error);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ERR_CHILD');
    expect((failure as Error).message).toContain(
      "cannot use '@plexus/components#Nope' as a child: @plexus/components has no export 'Nope' (step 1)",
    );
  });

  describe('on a worker thread', () => {
    afterEach(() => expect(liveWorkers()).toBe(0));

    test('adds its steps there', async () => {
      const seen: unknown[] = [];
      const g = graph('g');
      const seq = g.add('seq', Seq, {
        backend: 'worker',
        params: {
          steps: [
            { use: '@plexus/components#FromItems', params: { items: [0] } },
            { use: '@plexus/components#Map', params: { expression: '$ + 1' } },
          ],
        },
      });
      g.link(
        g.add('items', FromItems, { params: { items: [1, 2, 3] } }).outbox('out'),
        seq.inbox('in'),
      );
      g.link(seq.outbox('out'), g.add('seen', collectInto(seen)).inbox('in'));
      await g.run({ backends: [workerBackend()] });
      expect(seen).toEqual([0, 2, 3, 4]);
    });
  });
});
