/**
 * nats-link — a producer and a consumer on two node agents, over a Plexus link that crosses
 * NATS (batched, credit flow control), against raw NATS publish/subscribe of the same batches
 * (arrays of 1,024 records, v8.serialize) between two bare processes, on the same server in the
 * same run. The node agents run in this process (their units are child processes, as on real
 * hosts), each in a directory of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsBackend, startNode } from '@plexus/nats';
import { rawNatsLink } from '../baselines/rawNatsLink.ts';
import { startNatsServer } from '../measure/natsServer.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atLeast, ratio } from '../measure/verdict.ts';
import { plexusLink } from './links.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const BATCH = 1024;

export const natsLink: Benchmark = {
  name: 'nats-link',
  title: 'two components on two node agents over NATS vs raw NATS pub/sub of the same batches',
  async run(context: BenchContext): Promise<BenchResult> {
    const count = context.quick ? 50_000 : 1_000_000;
    const server = await startNatsServer();
    if (server === undefined) {
      return {
        name: 'nats-link',
        title: natsLink.title,
        params: { messages: count },
        figures: [],
        verdicts: [],
        notes: ['Skipped: nats-server is not installed (apt-get install -y nats-server).'],
      };
    }
    const dirs = [1, 2].map((n) => mkdtempSync(join(tmpdir(), `plexus-bench-node${n}-`)));
    const nodes = await Promise.all(
      dirs.map((cwd, i) =>
        startNode({ nats: { servers: server.url }, name: `n${i + 1}`, cwd, log: () => {} }),
      ),
    );
    const nats = await natsBackend({ nats: { servers: server.url } });
    const on = (node: string) => ({ backend: 'nats', options: { node } }) as const;
    try {
      const samples = await alternate(
        [
          {
            key: 'plexus',
            label: 'Plexus over NATS, capacity 1,024',
            run: () => plexusLink(count, on('n1'), on('n2'), BATCH, [nats]),
          },
          {
            key: 'raw',
            label: 'raw NATS pub/sub',
            run: () => rawNatsLink(server.url, count, BATCH),
          },
        ],
        context.rounds,
        context.log,
        { warmUp: !context.quick },
      );
      const plexus = figure(
        samples,
        'plexus',
        'Plexus, two node agents, capacity 1,024',
        'msgs/s',
        'higher',
      );
      const raw = figure(
        samples,
        'raw',
        'raw NATS pub/sub, v8.serialize batches of 1,024',
        'msgs/s',
        'higher',
      );
      return {
        name: 'nats-link',
        title: natsLink.title,
        params: { messages: count, batch: BATCH, rounds: context.rounds },
        figures: [plexus, raw],
        verdicts: [ratio('Plexus ÷ raw NATS', plexus, raw, atLeast(0.7))],
        notes: [
          'One loopback nats-server; both node agents on this machine. Rates are over the middle 80 % of the stream, start-up (bundling, placing) excluded.',
        ],
      };
    } finally {
      await nats.close();
      await Promise.all(nodes.map((node) => node.stop()));
      await server.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  },
};
