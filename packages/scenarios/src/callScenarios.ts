/**
 * Call scenarios, part of the scenario suite: `call` gets the reply to its own request, a
 * silent server times the call out naming both ends, and a server that crashes fails the
 * waiting call at once — on every placement, in both body styles.
 */
import { describe, expect, test } from '@jest/globals';
import { type AddOptions, type Definition, type Graph, graph, isPlexusError } from '@plexus/core';
import { Client, Mute, Server, StepClient, StepServer } from './calls.ts';
import { collector } from './collector.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';

export function callScenarios(target: ScenarioTarget): void {
  const { run, add } = placed(target);
  /** caller ⇄ srv, the caller's outcomes into a sink (names of different lengths: `mixed` splits them). */
  const pair = (
    g: Graph,
    client: Definition,
    clientOptions: AddOptions<Definition>,
    server: Definition,
    serverOptions: AddOptions<Definition> = {},
  ) => {
    const out: unknown[] = [];
    const c = add(g, 'caller', client, clientOptions);
    const s = add(g, 'srv', server, serverOptions);
    g.link(c.outbox('ask'), s.inbox('in'));
    g.link(s.outbox('out'), c.inbox('answers'));
    g.link(c.outbox('out'), g.add('sink', collector(out)).inbox('in'));
    return out;
  };

  describe(`calls, placed ${target.name}`, () => {
    test.each([
      ['async client, serve()', Client, Server],
      ['generator client, generator server with answer()', StepClient, StepServer],
    ])(
      'each call resolves with the reply to its own request (%s)',
      async (_style, client, server) => {
        const g = graph('calls');
        const out = pair(g, client, { params: { requests: [1, 2, 3] } }, server);
        await expect(run(g)).resolves.toEqual({ status: 'completed' });
        expect(out).toEqual([10, 20, 30]);
      },
    );

    test('a reply that never comes times the call out, naming caller and server', async () => {
      const g = graph('silent');
      const out = pair(g, Client, { params: { requests: [7], timeout: 100 } }, Mute);
      await run(g);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatch(
        /^ERR_CALL_TIMEOUT: Component 'caller' \(Client\) called 'srv\.in' through outbox 'ask' and got no reply on inbox 'answers' within 100 ms \(request \{"n":7\}\)/,
      );
    });

    test('a supervised server that crashes fails the waiting call at once, and answers the next', async () => {
      const g = graph('crash');
      const started = Date.now();
      const out = pair(g, Client, { params: { requests: [1, 2, 3], timeout: 30_000 } }, Server, {
        params: { crashOn: 2 },
        supervise: { onCrash: 'drop' },
      });
      await expect(run(g)).resolves.toEqual({ status: 'completed' });
      expect(out[0]).toBe(10);
      expect(out[1]).toMatch(
        /^ERR_CALL_FAILED: Component 'caller' \(Client\) called 'srv' through outbox 'ask', which failed while handling the request \{"n":2\}: server refuses 2/,
      );
      expect(out[2]).toBe(30);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    test('an unsupervised server that crashes fails the run at once, not after the call timeout', async () => {
      const g = graph('crash-run');
      const started = Date.now();
      pair(g, Client, { params: { requests: [1, 2, 3], timeout: 30_000 } }, Server, {
        params: { crashOn: 2 },
      });
      const error = (await run(g).catch((e: unknown) => e)) as Error & Record<string, unknown>;
      expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
      expect(error.component).toBe('srv');
      expect(error.message).toContain('server refuses 2');
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });
}
