import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Sum } from '@plexus/scenarios/components';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Run a small graph to the end and return weak references to it and to one of its components. */
async function finishedGraph(): Promise<WeakRef<object>[]> {
  const g = graph('short-lived');
  const count = g.add('count', Count, { params: { to: 10 } });
  g.pipeline(count, g.add('sum', Sum), g.add('out', collector([])));
  await g.run();
  return [new WeakRef(g), new WeakRef(count)];
}

describe('what the runtime keeps between graphs', () => {
  test('a finished graph and its components can be garbage-collected', async () => {
    const refs = await finishedGraph();
    // Weak references hold their targets until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined]);
  });
});
