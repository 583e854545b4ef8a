/**
 * Join's timeoutMs (Node-RED's join timeout): a group not complete that long after its first
 * message is sent with what it has gathered, in every mode; inline under a fake clock, and on
 * a worker thread and in a child process in real time.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { liveProcesses, processBackend } from '@plexus/process';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { collectInto, Join } from '../../src/index.ts';
import { until } from '../helpers.ts';
import { advance, manual, useFakeClock } from '../time/clock.ts';

/** Join, fed by messages the test pushes when it chooses; `seen` is what it sends. */
function joining(params: Record<string, unknown>) {
  const { Source, push, end } = manual();
  const seen: unknown[] = [];
  const g = graph('g');
  g.pipeline(
    g.add('source', Source),
    g.add('join', Join, { params: params as never }),
    g.add('seen', collectInto(seen)),
  );
  const done = g.run({ deadlockTimeout: false });
  return {
    seen,
    done,
    push: async (...messages: unknown[]) => {
      for (const m of messages) push(m);
      await advance(0);
    },
    end,
  };
}

describe('Join with timeoutMs', () => {
  describe('inline', () => {
    useFakeClock();

    test("mode 'count': a group not full in time is sent with what it has, and the next starts afresh", async () => {
      const j = joining({ mode: 'count', count: 3, timeoutMs: 1_000 });
      await j.push(1, 2);
      await advance(999);
      expect(j.seen).toEqual([]);
      await advance(1);
      expect(j.seen).toEqual([[1, 2]]);
      await j.push(3, 4, 5);
      expect(j.seen).toEqual([
        [1, 2],
        [3, 4, 5],
      ]);
      await j.push(6);
      j.end();
      await j.done;
      expect(j.seen).toEqual([[1, 2], [3, 4, 5], [6]]);
    });

    test('each group has its own deadline, counted from its first message', async () => {
      const j = joining({ mode: 'count', count: 5, groupBy: 'topic', timeoutMs: 1_000 });
      await j.push({ topic: 'a', n: 1 });
      await advance(600);
      await j.push({ topic: 'b', n: 2 }, { topic: 'a', n: 3 });
      await advance(400);
      expect(j.seen).toEqual([
        [
          { topic: 'a', n: 1 },
          { topic: 'a', n: 3 },
        ],
      ]);
      await advance(600);
      expect(j.seen).toEqual([
        [
          { topic: 'a', n: 1 },
          { topic: 'a', n: 3 },
        ],
        [{ topic: 'b', n: 2 }],
      ]);
      j.end();
      await j.done;
    });

    test("mode 'key' and mode 'parts' send what they have gathered too", async () => {
      const byKey = joining({ mode: 'key', count: 3, timeoutMs: 500 });
      await byKey.push({ topic: 'x', v: 1 }, { topic: 'y', v: 2 });
      await advance(500);
      expect(byKey.seen).toEqual([{ x: { topic: 'x', v: 1 }, y: { topic: 'y', v: 2 } }]);
      byKey.end();
      await byKey.done;

      const parts = joining({ timeoutMs: 500 });
      const piece = (index: number, payload: string) => ({
        payload,
        parts: { id: 's1', index, count: 3, type: 'array' },
      });
      await parts.push(piece(0, 'a'), piece(2, 'c'));
      await advance(500);
      expect(parts.seen).toEqual([['a', 'c']]);
      parts.end();
      await parts.done;
    });

    test('a group completed in time is sent once, and no timeout fires for it', async () => {
      const j = joining({ mode: 'count', count: 2, timeoutMs: 1_000 });
      await j.push(1, 2);
      expect(j.seen).toEqual([[1, 2]]);
      await advance(5_000);
      expect(j.seen).toEqual([[1, 2]]);
      j.end();
      await j.done;
      expect(j.seen).toEqual([[1, 2]]);
    });
  });

  const offThread = [
    ['a worker thread', 'worker', workerBackend, liveWorkers],
    ['a child process', 'process', processBackend, liveProcesses],
  ] as const;
  describe.each(offThread)('on %s', (_where, backend, makeBackend, live) => {
    afterEach(() => expect(live()).toBe(0));

    test('sends a group that is not complete in time, there too', async () => {
      const { Source, push, end } = manual();
      const seen: unknown[] = [];
      const g = graph('g');
      g.pipeline(
        g.add('source', Source),
        g.add('join', Join, {
          params: { mode: 'count', count: 10, timeoutMs: 500 },
          backend,
        }),
        g.add('seen', collectInto(seen)),
      );
      const done = g.run({ backends: [makeBackend()], deadlockTimeout: false });
      for (const n of [1, 2, 3]) push(n);
      await until(() => seen.length > 0);
      expect(seen).toEqual([[1, 2, 3]]);
      push(4);
      end();
      await done;
      expect(seen).toEqual([[1, 2, 3], [4]]);
    });
  });
});
