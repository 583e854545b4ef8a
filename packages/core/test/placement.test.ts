/**
 * Placements are checked at add(), before anything runs. A component that asks for a
 * permission sandbox (`options.permissions`) runs sandboxed or does not run: the sandbox is
 * refused where its backend cannot enforce it, and no way of placing a component — inside a
 * sandboxed composite, in a group, with its own options — can drop or change it silently.
 */
import { describe, expect, test } from '@jest/globals';
import { type Definition, defineGraph, graph, isPlexusError, type Placement } from '@plexus/core';
import { Pass } from '@plexus/scenarios/components';

const sandbox = { read: ['/data/public'] };

function refusal(add: () => unknown): Error {
  try {
    add();
  } catch (error) {
    expect(isPlexusError(error, 'ERR_BAD_PLACEMENT')).toBe(true);
    return error as Error;
  }
  throw new Error('expected add() to refuse the placement');
}

/** A composite of two Pass children, the second placed as `inner` says. */
function twoPasses(inner: Placement & { options?: Record<string, unknown> } = {}): Definition {
  return defineGraph({
    name: 'TwoPasses',
    description: 'Two pass-throughs.',
    build(scope) {
      scope.add('a', Pass);
      scope.add('b', Pass, inner);
    },
  });
}

describe('a permission sandbox at add()', () => {
  test.each([
    ['inline (the default)', undefined, 'inline'],
    ['inline', 'inline', 'inline'],
    ['worker', 'worker', 'worker'],
    ['a backend of another name', 'gpu', 'gpu'],
  ])('on %s is refused, naming the component and the fix', (_, backend, named) => {
    const g = graph();
    const error = refusal(() =>
      g.add('reader', Pass, {
        ...(backend === undefined ? {} : { backend }),
        options: { permissions: sandbox },
      }),
    );
    expect(error.message).toBe(
      `Component 'reader' (Pass) asks for a permission sandbox (options.permissions), but it is placed on backend '${named}', which cannot enforce one: only the process backend runs components under Node's permission model. Place it on backend 'process', or remove the permissions; a component that asks for a sandbox runs sandboxed or not at all.`,
    );
  });

  test('on the process backend is accepted, with replicas and supervision too', () => {
    const g = graph();
    g.add('one', Pass, { backend: 'process', options: { permissions: sandbox } });
    g.add('many', Pass, {
      backend: 'process',
      replicas: 2,
      supervise: { maxRestarts: 1 },
      options: { permissions: sandbox },
    });
    expect(g.stats().components.map((c) => c.name)).toEqual(['one', 'many']);
  });

  test('on a composite that cannot enforce it is refused at the composite', () => {
    const g = graph();
    const error = refusal(() =>
      g.add('pair', twoPasses(), { backend: 'worker', options: { permissions: sandbox } }),
    );
    expect(error.message).toMatch(/^Component 'pair' \(TwoPasses\) asks for a permission sandbox/);
  });

  test('a child of a sandboxed composite cannot move where the sandbox does not hold', () => {
    const g = graph();
    const error = refusal(() =>
      g.add('pair', twoPasses({ backend: 'worker' }), {
        backend: 'process',
        options: { permissions: sandbox },
      }),
    );
    expect(error.message).toMatch(
      /^Component 'pair\/b' \(Pass\) asks for a permission sandbox \(options\.permissions, from the composite it is in\), but it is placed on backend 'worker'/,
    );
  });

  test('a child that sets options of its own keeps its composite’s sandbox', () => {
    const g = graph();
    // Its own options add to the composite's: the sandbox is still there, so moving the
    // child to a worker is refused rather than running it unsandboxed.
    const error = refusal(() =>
      g.add('pair', twoPasses({ backend: 'worker', options: { memoryMb: 64 } }), {
        backend: 'process',
        options: { permissions: sandbox },
      }),
    );
    expect(error.message).toMatch(/^Component 'pair\/b' \(Pass\) asks for a permission sandbox/);
    // On the process backend the same child is accepted.
    graph().add('pair', twoPasses({ options: { memoryMb: 64 } }), {
      backend: 'process',
      options: { permissions: sandbox },
    });
  });

  test('a child cannot change the sandbox of the composite it is in', () => {
    const g = graph();
    const error = refusal(() =>
      g.add('pair', twoPasses({ options: { permissions: { read: ['/'] } } }), {
        backend: 'process',
        options: { permissions: sandbox },
      }),
    );
    expect(error.message).toBe(
      "Component 'pair/b' (Pass) sets its own options.permissions inside composite 'pair', whose placement already sandboxes everything in it. Remove the child's permissions, or sandbox the composite's children one by one instead of the composite.",
    );
    // The same permissions again are no change.
    graph().add('pair', twoPasses({ options: { permissions: { ...sandbox } } }), {
      backend: 'process',
      options: { permissions: sandbox },
    });
  });

  test('the members of a group (one process) must share one sandbox', () => {
    const g = graph();
    g.add('a', Pass, { backend: 'process', group: 'io', options: { permissions: sandbox } });
    const unsandboxed = refusal(() => g.add('b', Pass, { backend: 'process', group: 'io' }));
    expect(unsandboxed.message).toBe(
      "Component 'b' (Pass) is in group 'io' with 'a', but their permission sandboxes (options.permissions) differ, and a group runs in one process under one sandbox. Give them the same permissions, or put them in different groups.",
    );
    refusal(() =>
      g.add('c', Pass, {
        backend: 'process',
        group: 'io',
        options: { permissions: { read: ['/elsewhere'] } },
      }),
    );
    // The same sandbox (paths in another order) joins; another group or backend is apart.
    g.add('d', Pass, {
      backend: 'process',
      group: 'io',
      options: { permissions: { read: ['/data/public'] } },
    });
    g.add('e', Pass, { backend: 'process', group: 'other' });
    g.add('f', Pass, { backend: 'worker', group: 'io' });
  });

  test('a group whose sandboxed members were removed takes a new sandbox', () => {
    const g = graph();
    g.add('a', Pass, { backend: 'process', group: 'io', options: { permissions: sandbox } });
    g.remove('a');
    g.add('b', Pass, { backend: 'process', group: 'io' });
    refusal(() =>
      g.add('c', Pass, { backend: 'process', group: 'io', options: { permissions: sandbox } }),
    );
  });
});
