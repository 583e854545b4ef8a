import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Forever, Pass } from '@plexus/scenarios/components';

/** The instance behind a node handle (the handle is the instance). */
const extrasOf = (node: unknown) => (node as { extras: object | undefined }).extras;

describe('state few instances use is made on first use', () => {
  test('an instance that runs and ends plainly never makes it', async () => {
    const g = graph();
    const nodes = [
      g.add('count', Count, { params: { to: 5 } }),
      g.add('pass', Pass),
      g.add('sink', collector([])),
    ];
    g.pipeline(...nodes);
    await expect(g.run({ checked: false })).resolves.toEqual({ status: 'completed' });
    for (const node of nodes) expect(extrasOf(node)).toBeUndefined();
  });

  test('writing a default leaves it unmade; writing anything else makes it, and reads see it', () => {
    const g = graph();
    const node = g.add('pass', Pass) as unknown as {
      extras: object | undefined;
      restarts: number;
      endedWaitAt: number;
      reason: string | undefined;
    };
    expect([node.restarts, node.endedWaitAt, node.reason]).toEqual([0, 0, undefined]);
    node.restarts = 0;
    node.endedWaitAt = 0;
    node.reason = undefined;
    expect(node.extras).toBeUndefined();
    node.reason = 'stop';
    node.restarts++;
    expect(node.extras).toBeDefined();
    expect([node.restarts, node.endedWaitAt, node.reason]).toEqual([1, 0, 'stop']);
  });

  test('a stopped instance reports why, from the state made when it stopped', async () => {
    const g = graph();
    const pass = g.add('pass', Pass);
    g.pipeline(g.add('forever', Forever), pass, g.add('sink', collector([])));
    const done = g.run({ checked: false });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(extrasOf(pass)).toBeUndefined();
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
    expect(extrasOf(pass)).toBeDefined();
    expect(g.stats().components.find((c) => c.name === 'pass')).toMatchObject({
      state: 'stopped',
      reason: 'stop',
    });
  });
});
