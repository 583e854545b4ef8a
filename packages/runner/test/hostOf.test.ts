/** `--stats` names the host of each end: a NATS node's own, else the host running the graph. */
import { describe, expect, test } from '@jest/globals';
import { hostOf } from '../src/commands/hostOf.ts';

describe('hostOf', () => {
  test("a unit on a NATS node agent runs on that node's host", () => {
    expect(hostOf("nats node 'n1' (host gpu-box.eu), process 4242", 'laptop')).toBe('gpu-box.eu');
  });

  test('inline components, worker threads and child processes run here', () => {
    for (const where of [undefined, 'worker thread 7', 'process 4242'])
      expect(hostOf(where, 'laptop')).toBe('laptop');
  });
});
