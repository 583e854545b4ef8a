/**
 * Node agents for a benchmark: a nats-server of its own, `count` node agents named n1, n2, …
 * in this process (their units are child processes, as on real hosts), each in a temporary
 * directory of its own, and a NATS backend to give `run()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NatsBackend, natsBackend, startNode } from '@plexus/nats';
import { startNatsServer } from './natsServer.ts';

export interface BenchNodes {
  readonly url: string;
  readonly backend: NatsBackend;
  /** Stop the backend, the agents and the server; remove the agents' directories. */
  stop(): Promise<void>;
}

/** Start them, or resolve `undefined` when nats-server is not installed. */
export async function startBenchNodes(count: number): Promise<BenchNodes | undefined> {
  const server = await startNatsServer();
  if (server === undefined) return undefined;
  const dirs = Array.from({ length: count }, (_, i) =>
    mkdtempSync(join(tmpdir(), `plexus-bench-node${i + 1}-`)),
  );
  const nodes = await Promise.all(
    dirs.map((cwd, i) =>
      startNode({ nats: { servers: server.url }, name: `n${i + 1}`, cwd, log: () => {} }),
    ),
  );
  const backend = await natsBackend({ nats: { servers: server.url } });
  return {
    url: server.url,
    backend,
    async stop() {
      await backend.close();
      await Promise.all(nodes.map((node) => node.stop()));
      await server.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What to tell a benchmark's report when there is no nats-server. */
export const NO_NATS_SERVER =
  'Skipped: nats-server is not installed (apt-get install -y nats-server).';
