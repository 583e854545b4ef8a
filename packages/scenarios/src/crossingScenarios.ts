/**
 * Crossing scenarios, part of the scenario suite: what a message is must not depend on where
 * its receiver runs. A class instance that would cross a boundary is refused in fast mode too
 * (inline it passes by reference, methods and all); in checked mode, bytes changed after they
 * were sent fail the receiver with ERR_MUTATED_AFTER_SEND on every placement, and a message
 * that does not fit an inbox's schema fails the receiver the same way everywhere:
 * ERR_COMPONENT_FAILED, whose cause is ERR_INBOX_SCHEMA.
 */
import { describe, expect, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { collector } from './collector.ts';
import { Double, Emit, Pass } from './components.ts';
import { MutateBytes, Point, SendPoint } from './crossing.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';

export function crossingScenarios(target: ScenarioTarget): void {
  const { run, add } = placed(target);
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the run to fail, but it completed');
      },
      (error: unknown) => error as Error & Record<string, unknown>,
    );
  const backendOf = (name: string) => target.place(name).backend ?? 'inline';
  const crossing = backendOf('sender') !== 'inline' || backendOf('pass') !== 'inline';

  describe(`what crosses, placed ${target.name}`, () => {
    if (crossing) {
      test('fast mode: a class instance that would cross fails its sender, naming the class', async () => {
        const g = graph('point');
        const out: unknown[] = [];
        g.pipeline(
          add(g, 'sender', SendPoint),
          add(g, 'pass', Pass),
          g.add('sink', collector(out)),
        );
        const error = await failure(run(g, { checked: false }));
        expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
        expect(error.message).toMatch(
          /^Component 'sender' \(SendPoint, (inline|worker thread \d+|process \d+|nats node '[\w-]+' \(host [^)]+\), process \d+)\) sent a message on outbox 'out' that cannot cross a thread or process boundary: message\.at is an instance of class Point, which would arrive on another thread as a plain object without its methods\./,
        );
        expect(out).toEqual([]);
      });
    } else {
      test('fast mode, inline: a class instance passes by reference, methods and all', async () => {
        const g = graph('point');
        const out: { at: Point }[] = [];
        g.pipeline(
          add(g, 'sender', SendPoint),
          add(g, 'pass', Pass),
          g.add('sink', collector(out)),
        );
        await run(g, { checked: false });
        expect(out[0]!.at).toBeInstanceOf(Point);
        expect(out[0]!.at.norm()).toBe(5);
      });
    }

    test('checked mode: bytes changed after sending fail the receiver with ERR_MUTATED_AFTER_SEND', async () => {
      const g = graph('mutated');
      const out: unknown[] = [];
      g.pipeline(
        add(g, 'mutator', MutateBytes),
        add(g, 'pass', Pass),
        g.add('sink', collector(out)),
      );
      const error = await failure(run(g));
      expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
      expect(isPlexusError(error.cause, 'ERR_MUTATED_AFTER_SEND')).toBe(true);
      expect(error.message).toMatch(
        /^Component 'pass' \(Pass, (inline|worker thread \d+|process \d+|nats node '[\w-]+' \(host [^)]+\), process \d+)\) received on inbox 'in' a message whose binary data at message changed after 'mutator\.out' sent it\. Messages are immutable once sent: send a copy, or transfer the buffer/,
      );
      expect(out).toEqual([]);
    });

    test('checked mode: a message that does not fit an inbox fails the receiver: ERR_COMPONENT_FAILED, cause ERR_INBOX_SCHEMA', async () => {
      const g = graph('misfit');
      g.pipeline(
        add(g, 'emit', Emit, { params: { items: ['x'] } }),
        add(g, 'double', Double),
        g.add('sink', collector([])),
      );
      const error = await failure(run(g));
      expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
      expect(isPlexusError(error.cause, 'ERR_INBOX_SCHEMA')).toBe(true);
      expect(error).toMatchObject({
        component: 'double',
        type: 'Double',
        box: 'in',
        involved: '"x"',
      });
      expect(error.message).toMatch(
        /^Component 'double' \(Double, (inline|worker thread \d+|process \d+|nats node '[\w-]+' \(host [^)]+\), process \d+)\) received on inbox 'in' a message from 'emit\.out' that does not fit the inbox's schema: at the message: expected number, received string\. The message was "x"\. Make the schemas of 'emit\.out' and the inbox agree\.$/,
      );
    });
  });
}
