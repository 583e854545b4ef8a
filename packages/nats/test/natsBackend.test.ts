/** Components on node agents on other "hosts" (processes in directories of their own), linked over NATS. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { listNodes, type NatsBackend, natsBackend } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { type Started, startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

let server: Started;
let a: Started & { dir: string };
let b: Started & { dir: string };
let nats: NatsBackend;

beforeAll(async () => {
  server = await startNatsServer();
  [a, b] = await Promise.all([
    startNodeAgent(server.url, 'a', ['--labels', 'gpu,eu']),
    startNodeAgent(server.url, 'b', ['--labels', 'eu']),
  ]);
  nats = await natsBackend({ nats: { servers: server.url } });
}, 30_000);

afterAll(async () => {
  await nats?.close();
  await stopAll();
});

describe('natsBackend', () => {
  test('lists the live nodes with their labels, cores and version', async () => {
    const nodes = await listNodes({ servers: server.url });
    expect(nodes.map((n) => [n.name, n.labels])).toEqual([
      ['a', ['gpu', 'eu']],
      ['b', ['eu']],
    ]);
    expect(nodes[0]!.cores).toBeGreaterThan(0);
    expect(nodes[0]!.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('numbered messages go inline → node a → node b → inline: none lost or duplicated, in order', async () => {
    const items: unknown[] = [];
    const g = graph('chain');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 100_000 } }),
      g.add('first', C.FastPass, { backend: 'nats', options: { node: 'a' } }),
      g.add('second', C.FastPass, { backend: 'nats', options: { node: 'b' } }),
      g.add('sink', collector(items)),
    );
    await expect(g.run({ backends: [nats] })).resolves.toEqual({ status: 'completed' });
    expect(items.length).toBe(100_000);
    expect(items.every((item, i) => item === i + 1)).toBe(true);
  });
});
