/**
 * A member of a three-server NATS cluster killed mid-stream: the node agents, their units and
 * the coordinator fail over to the others, and what the dead server held is never lost
 * silently (numbered messages and probes, natsEndpoint.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { freePort, type Started, startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

let servers: Started[];
let nats: NatsBackend;

beforeAll(async () => {
  const routes = await Promise.all([freePort(), freePort(), freePort()]);
  const urls = routes.map((p) => `nats://127.0.0.1:${p}`).join(',');
  servers = await Promise.all(
    routes.map((port, i) =>
      startNatsServer([
        '-n',
        `s${i + 1}`,
        '--cluster_name',
        'plexus',
        '--cluster',
        `nats://127.0.0.1:${port}`,
        '--routes',
        urls,
      ]),
    ),
  );
  // The node agent knows only s1 (it learns the others from it); the coordinator only s2.
  await startNodeAgent(servers[0]!.url, 'a');
  await startNodeAgent(servers[2]!.url, 'b');
  nats = await natsBackend({ nats: { servers: servers[1]!.url } });
}, 60_000);

afterAll(async () => {
  await nats?.close();
  await stopAll();
});

describe('a NATS cluster', () => {
  test('a member killed mid-stream: clients fail over, and nothing goes missing unnoticed', async () => {
    const items: number[] = [];
    const g = graph('failover');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 20_000 } }),
      g.add('pass', C.FastPass, { backend: 'nats', options: { node: 'a' } }),
      g.add('again', C.FastPass, { backend: 'nats', options: { node: 'b' } }),
      g.add('sink', collector(items)),
    );
    const running = g.run({ backends: [nats] });
    while (items.length < 2000) await new Promise((r) => setTimeout(r, 5));
    // Node a's server: node a, its unit, and their links fail over to s2 or s3.
    await servers[0]!.stop();
    const outcome = await running.then(
      () => undefined,
      (error: Error) => error,
    );
    const all = Array.from({ length: 20_000 }, (_, i) => i + 1);
    if (outcome === undefined) {
      // Nothing was in s1 when it went: every message, once, in order.
      expect(items).toEqual(all);
    } else {
      // What s1 held is lost: the run says so, naming the link, and delivered no duplicate.
      expect(outcome.message).toMatch(
        /NATS messages? of the link on 'plexus\.run\.\w+\.l\.\d+\.[dc]' never arrived/,
      );
      expect(new Set(items).size).toBe(items.length);
      expect(items.every((n, i) => i === 0 || n > items[i - 1]!)).toBe(true);
    }
    // Node a, whose server died, heartbeats again through another one (a heartbeat older
    // than deadAfterMs, 3 s, would not count it live).
    await new Promise((r) => setTimeout(r, 3500));
    const live = nats.nodes().map((n) => n.name);
    expect(live.sort()).toEqual(['a', 'b']);
  }, 60_000);
});
