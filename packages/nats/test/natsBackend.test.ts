/** Components on node agents on other "hosts" (processes in directories of their own), linked over NATS. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { listNodes, type NatsBackend, natsBackend } from '@plexus/nats';
import { processBackend } from '@plexus/process';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { workerBackend } from '@plexus/worker';
import { Candidates, PrimeFilter } from '../../scenarios/src/growing.ts';
import { Discard } from './fixtures/components.ts';
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

  test('links between two units on one node are Unix sockets; to another host, NATS subjects', () => {
    const on = (node: string, unit: string) => ({ unit, backend: 'nats', options: { node } });
    const [local] = nats.crossProcess!.channel(on('a', "nats 'x'"), on('a', "nats 'y'"));
    expect(local.socket).toMatch(/^node:\w+-\d+\.sock$/);
    const [remote] = nats.crossProcess!.channel(on('a', "nats 'x'"), on('b', "nats 'z'"));
    expect(remote.socket).toMatch(/^nats:plexus\.run\.\w+\.l\.\d+$/);
    const [fromMain] = nats.crossProcess!.channel(undefined, on('b', "nats 'z'"));
    expect(fromMain.socket).toMatch(/^nats:/);
    // A process unit runs on the coordinator's host: a socket there, relayed to the subjects.
    const [toProcess, fromNats] = nats.crossProcess!.channel(on('a', "nats 'x'"), {
      unit: "process 'p'",
      backend: 'process',
      options: {},
    });
    expect(toProcess.socket).toMatch(/^nats:plexus\.run\.\w+\.l\.\d+$/);
    expect(fromNats.socket).toMatch(/plexus-relay-\w+\/\d+\.sock$/);
  });

  test('a worker thread and a child process of the coordinator link to node units, both ways', async () => {
    const items: unknown[] = [];
    const g = graph('relayed');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 3000 }, backend: 'worker' }),
      g.add('first', C.Double, { backend: 'nats', options: { node: 'a' } }),
      g.add('middle', C.Pass, { backend: 'process' }),
      g.add('second', C.FastPass, { backend: 'nats', options: { node: 'b' } }),
      g.add('sink', collector(items)),
    );
    await expect(g.run({ backends: [nats, workerBackend(), processBackend()] })).resolves.toEqual({
      status: 'completed',
    });
    expect(items).toEqual(Array.from({ length: 3000 }, (_, i) => 2 * (i + 1)));
    for (const link of g.stats().links) expect([link.sent, link.delivered]).toEqual([3000, 3000]);
  });

  test('a component grown on one node links, while it runs, to a component on another node', async () => {
    const primes: unknown[] = [];
    const g = graph('sieve-across');
    const report = g.add('report', C.Pass, { backend: 'nats', options: { node: 'b' } });
    const candidates = g.add('candidates', Candidates, { params: { to: 30 } });
    const first = g.add('filter-2', PrimeFilter, {
      backend: 'nats',
      options: { node: 'a' },
      params: { prime: 2, report: 'report.in' },
    });
    g.link(candidates.outbox('out'), first.inbox('in'));
    g.link(first.outbox('primes'), report.inbox('in'));
    g.link(report.outbox('out'), g.add('sink', collector(primes)).inbox('in'));
    await expect(g.run({ backends: [nats] })).resolves.toEqual({ status: 'completed' });
    // Every filter after the first was grown in node a's unit; its report link ends on node b.
    expect((primes as number[]).sort((x, y) => x - y)).toEqual([
      2, 3, 5, 7, 11, 13, 17, 19, 23, 29,
    ]);
    const grown = g.stats().components.filter((c) => c.type === 'PrimeFilter');
    expect(grown.map((c) => [c.state, c.where])).toEqual(
      grown.map(() => ['ended', expect.stringMatching(/^nats node 'a' /)]),
    );
  });

  test('two units on one node, a group and spread replicas keep every message, in order', async () => {
    const items: unknown[] = [];
    const g = graph('mixed');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 5000 } }),
      g.add('one', C.Pass, { backend: 'nats', options: { node: 'a' } }),
      g.add('two', C.Double, { backend: 'nats', options: { node: 'a' } }),
      g.add('spread', C.Pass, {
        backend: 'nats',
        replicas: 2,
        ordered: true,
        options: { labels: ['eu'] },
      }),
      g.add('g1', C.Pass, { backend: 'nats', group: 'pair', options: { node: 'b' } }),
      g.add('g2', C.Pass, { backend: 'nats', group: 'pair', options: { node: 'b' } }),
      g.add('sink', collector(items)),
    );
    await expect(g.run({ backends: [nats] })).resolves.toEqual({ status: 'completed' });
    expect(items).toEqual(Array.from({ length: 5000 }, (_, i) => 2 * (i + 1)));
    // Replicas went round the matching nodes, one on each; the group is one process.
    expect(a.output()).toMatch(/started 'spread#1' \(Pass\)/);
    expect(b.output()).toMatch(/started 'spread#2' \(Pass\)/);
    expect(b.output()).toMatch(/started 'g1' \(Pass\), 'g2' \(Pass\)/);
  });

  test("a unit's bundle is uploaded once for two runs, and fetched once by its node", async () => {
    const before = nats.uploads;
    const fetchedBefore = (b.output().match(/fetched bundle/g) ?? []).length;
    for (let i = 0; i < 2; i++) {
      const g = graph('twice');
      g.pipeline(
        g.add('count', C.Count, { params: { to: 10 } }),
        g.add('drop', Discard, { backend: 'nats', options: { node: 'b' } }),
      );
      await expect(g.run({ backends: [nats] })).resolves.toEqual({ status: 'completed' });
    }
    expect(nats.uploads - before).toBe(1);
    expect((b.output().match(/fetched bundle/g) ?? []).length - fetchedBefore).toBe(1);
    expect(b.output().match(/started 'drop' \(Discard\)/g)?.length).toBe(2);
  });
});
