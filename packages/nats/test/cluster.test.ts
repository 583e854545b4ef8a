/**
 * A NATS server of a three-server cluster that dies mid-stream is survived: the clients
 * reconnect to another, every link publishes again what the dead server took with it, and
 * the sinks get exactly 1…N, in order — on plain links and on durable ones (their streams
 * replicated on the three servers), whether the server that dies is the one the coordinator
 * and the nodes are connected to or another.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { box, defineComponent, graph, z } from '@plexus/core';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { Paced } from './fixtures/components.ts';
import { type Cluster, startNatsCluster, startNodeAgent, stopAll } from './natsServer.ts';

const N = 20_000;

let nats: NatsBackend | undefined;

afterEach(async () => {
  await nats?.close();
  nats = undefined;
  await stopAll();
});

/** Counts 1…`to` once `opened` resolves (inline: it waits in this process). */
const gatedCount = (opened: Promise<void>) =>
  defineComponent({
    name: 'GatedCount',
    description: 'Sends 1…to once a gate opens.',
    outboxes: { out: box(z.number(), 'The numbers.') },
    params: z.object({ to: z.number().int() }),
    async body({ outbox, params }) {
      await opened;
      for (let i = 1; i <= params.to; i++) await outbox.out.send(i);
    },
  });

/** The server, other than the first, that leads the most streams of durable links (else the last). */
async function streamLeader(cluster: Cluster): Promise<number> {
  const nc = await connect({ servers: cluster.servers[0]!.url });
  try {
    const jsm = await jetstreamManager(nc);
    const led = new Map<string, number>();
    for await (const stream of jsm.streams.list()) {
      const leader = stream.cluster?.leader;
      if (stream.config.name.startsWith('plexus_run_') && leader !== undefined)
        led.set(leader, (led.get(leader) ?? 0) + 1);
    }
    const others = [...led].filter(([name]) => name !== 's1').sort((a, b) => b[1] - a[1]);
    return others.length === 0 ? cluster.servers.length - 1 : Number(others[0]![0].slice(1)) - 1;
  } finally {
    await nc.close();
  }
}

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * A cluster, two node agents and a coordinator, all given only the first server's URL (they
 * learn the others from it), then two chains side by side — inline → node A → node B → inline,
 * one on plain links and one on durable links — while the server they are connected to, or
 * another one that leads a durable link's stream, is killed with SIGKILL once both sinks have
 * a fifth of the stream.
 */
async function streamThroughDeath(victim: 'connected' | 'another') {
  const cluster: Cluster = await startNatsCluster(3);
  const url = cluster.servers[0]!.url;
  await Promise.all([startNodeAgent(url, 'ca'), startNodeAgent(url, 'cb')]);
  nats = await natsBackend({ nats: { servers: url } });
  const plain: unknown[] = [];
  const durable: unknown[] = [];
  const g = graph('cluster');
  // The plain chain starts once the durable one delivers (its streams take longer to make),
  // so that both are mid-stream when the server dies.
  let open = () => {};
  const Count = gatedCount(new Promise<void>((resolve) => (open = resolve)));
  const chains = [
    ['plain', plain, false],
    ['durable', durable, true],
  ] as const;
  for (const [name, items, isDurable] of chains) {
    const count = g.add(`${name}-count`, isDurable ? C.Count : Count, { params: { to: N } });
    const a = g.add(`${name}-a`, C.Pass, { backend: 'nats', options: { node: 'ca' } });
    const b = g.add(`${name}-b`, Paced, {
      backend: 'nats',
      options: { node: 'cb' },
      // About 100 pauses of 20 ms: the stream lasts long enough to be cut.
      params: { every: N / 100, ms: 20 },
    });
    const sink = g.add(`${name}-sink`, collector(items));
    g.link(count.outbox('out'), a.inbox('in'), { durable: isDurable });
    g.link(a.outbox('out'), b.inbox('in'), { durable: isDurable });
    g.link(b.outbox('out'), sink.inbox('in'), { durable: isDurable });
  }
  const running = g.run({ backends: [nats] });
  while (durable.length === 0) await new Promise((r) => setTimeout(r, 5));
  open();
  const dies = victim === 'connected' ? 0 : await streamLeader(cluster);
  while (Math.min(plain.length, durable.length) < N / 5) await new Promise((r) => setTimeout(r, 5));
  const atDeath = [plain.length, durable.length];
  cluster.servers[dies]!.child.kill('SIGKILL');
  await running;
  return { plain, durable, atDeath };
}

describe('a NATS server of a three-server cluster dies mid-stream', () => {
  test(`the one the clients are connected to: ${N} numbered messages arrive once each, in order, on plain and on durable links`, async () => {
    const { plain, durable, atDeath } = await streamThroughDeath('connected');
    expect(Math.max(...atDeath)).toBeLessThan(N);
    expect(plain).toEqual(numbers(N));
    expect(durable).toEqual(numbers(N));
  }, 60_000);

  test(`another one, which leads a durable link's stream: ${N} numbered messages arrive once each, in order, on plain and on durable links`, async () => {
    const { plain, durable, atDeath } = await streamThroughDeath('another');
    expect(Math.max(...atDeath)).toBeLessThan(N);
    expect(plain).toEqual(numbers(N));
    expect(durable).toEqual(numbers(N));
  }, 60_000);
});
