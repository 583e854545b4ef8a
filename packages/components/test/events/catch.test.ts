import { afterEach, describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { Catch, collectInto, FromItems, Status } from '../../src/index.ts';

let crashes = 0;
/** Crashes on 'boom' the first time it sees it. */
const Fragile = defineComponent({
  name: 'Fragile',
  description: 'Crashes on boom, once.',
  inboxes: { in: box(z.string(), 'Words.') },
  outboxes: { out: box(z.string(), 'The same words.') },
  async body({ inbox, outbox }) {
    for await (const word of inbox.in) {
      if (word === 'boom' && crashes++ === 0) throw new Error('it went boom');
      await outbox.out.send(word);
    }
  },
});

describe('Catch', () => {
  test('sends a crash that supervision restarts, and ends when the watched components have', async () => {
    crashes = 0;
    const caught: unknown[] = [];
    const words: unknown[] = [];
    const g = graph('g', { supervise: { maxRestarts: 2 } });
    g.pipeline(
      g.add('words', FromItems, { params: { items: ['a', 'boom', 'b'] } }),
      g.add('fragile', Fragile),
      g.add('seen', collectInto(words)),
    );
    g.pipeline(g.add('catch', Catch), g.add('caught', collectInto(caught)));
    await expect(g.run()).resolves.toEqual({ status: 'completed' });
    expect(words).toEqual(['a', 'b']);
    expect(caught).toEqual([
      {
        component: 'fragile',
        type: 'Fragile',
        backend: 'inline',
        event: 'restart',
        restarts: 1,
        error: {
          name: expect.any(String),
          code: 'ERR_COMPONENT_FAILED',
          message: expect.stringContaining('it went boom'),
        },
      },
    ]);
  });

  test('watches only the components named', async () => {
    crashes = 0;
    const caught: unknown[] = [];
    const g = graph('g', { supervise: { maxRestarts: 2 } });
    g.pipeline(
      g.add('words', FromItems, { params: { items: ['boom'] } }),
      g.add('fragile', Fragile),
      g.add('seen', collectInto([])),
    );
    g.pipeline(
      g.add('catch', Catch, { params: { components: ['words'] } }),
      g.add('caught', collectInto(caught)),
    );
    await g.run();
    expect(caught).toEqual([]);
  });
});

describe('Status', () => {
  test('sends the state changes of the other components', async () => {
    const changes: { component: string; state: string; reason?: string }[] = [];
    const g = graph('g');
    g.pipeline(
      g.add('words', FromItems, { params: { items: ['a'] } }),
      g.add('seen', collectInto([])),
    );
    g.pipeline(g.add('status', Status), g.add('changes', collectInto(changes)));
    await g.run();
    const of = (name: string) => changes.filter((c) => c.component === name).map((c) => c.state);
    expect(of('words')).toContain('ended');
    expect(of('seen')).toContain('ended');
    expect(of('changes')).toEqual([]);
    expect(changes.every((c) => c.component !== 'status')).toBe(true);
  });
});

describe('Catch and Status off the main thread', () => {
  afterEach(() => expect(liveWorkers()).toBe(0));

  test.each([
    ['Catch', Catch],
    ['Status', Status],
  ] as const)(
    '%s on a worker, told to watch a component it cannot see there, fails saying to run it inline',
    async (_name, watcher) => {
      const g = graph('g');
      g.pipeline(
        g.add('words', FromItems, { params: { items: ['a'] } }),
        g.add('seen', collectInto([])),
      );
      g.pipeline(
        g.add('watch', watcher, { params: { components: ['words'] }, backend: 'worker' }),
        g.add('caught', collectInto([])),
      );
      const failure = await g.run({ backends: [workerBackend()] }).then(
        () => undefined,
        (error: Error & { cause?: { code?: string } }) => error,
      );
      expect(failure?.cause?.code).toBe('ERR_OUT_OF_SIGHT');
      expect(failure?.message).toContain(
        `runs on a worker thread, where it sees only the components placed with it, and 'words' is not one of them`,
      );
    },
  );
});
