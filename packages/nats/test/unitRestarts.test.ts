/** When and how soon a unit on a node may start again: its supervisors' policy, as on any backend. */
import { describe, expect, test } from '@jest/globals';
import type { UnitPlan } from '@plexus/core/backend';
import { pinnedToNode, unitRestarts } from '../src/internal/unitRestarts.ts';

const policy = {
  strategy: 'one-for-one',
  maxRestarts: 3,
  withinMs: 60_000,
  backoffMs: 100,
  maxBackoffMs: 250,
  onCrash: 'drop',
} as const;

/** A one-component unit with one link out, over NATS or a Unix socket, supervised or not. */
const plan = (socket: string, supervised = true) =>
  ({
    unit: 'u',
    components: [{ name: 'a', ...(supervised ? { supervisor: 0 } : {}) }],
    boundaries: [
      { id: 1, side: 'send', component: 'a', box: 'out', ports: [{ endpoint: { socket } }] },
    ],
    supervisors: [{ policy, label: "the restart policy of 'a'", members: [['a']] }],
  }) as unknown as UnitPlan;

describe('a unit on a node', () => {
  test('restarts at most maxRestarts times within withinMs, its backoff doubling up to maxBackoffMs', () => {
    const budget = unitRestarts(plan('nats:run.1'))!;
    const waits: number[] = [];
    while (budget.allow()) waits.push(budget.backoffMs());
    expect(waits).toEqual([100, 200, 250]);
  });

  test('does not restart when a component is unsupervised', () => {
    expect(unitRestarts(plan('nats:run.1', false))).toBeUndefined();
    expect(pinnedToNode(plan('nats:run.1', false))).toBe(false);
  });

  test('is pinned to its node when a link to it is a Unix socket there', () => {
    expect(unitRestarts(plan('/tmp/plexus-1.sock'))).toBeUndefined();
    expect(pinnedToNode(plan('/tmp/plexus-1.sock'))).toBe(true);
  });
});
