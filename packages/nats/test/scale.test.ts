/**
 * Scale: ten node agents, and a graph of 1,000 components spread over them (a chain in ten
 * groups of 100, one group to each agent), completes with the same output as the same graph run
 * inline. The agents run in this process (each with a directory of its own; their units are
 * child processes, as on real hosts): ten agent processes would each load the runner, and
 * what is tested here is placement at scale; agents as processes of their own are tested in
 * natsBackend.test.ts and failures.test.ts. The time to place and start such a graph is
 * recorded by the benchmark suite, not asserted here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { AddOptions } from '@plexus/core';
import { graph } from '@plexus/core';
import { type NatsBackend, type NodeAgent, natsBackend, startNode } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { Add } from './fixtures/scale.ts';
import { type Started, startNatsServer, stopAll } from './natsServer.ts';

const AGENTS = 10;
const COMPONENTS = 1000;
const MESSAGES = 200;

let server: Started;
let agents: NodeAgent[] = [];
/** What each agent said, by its name. */
const said = new Map<string, string[]>();
let nats: NatsBackend;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startNatsServer();
  for (let i = 1; i <= AGENTS; i++) dirs.push(mkdtempSync(join(tmpdir(), `plexus-scale-n${i}-`)));
  agents = await Promise.all(
    dirs.map((cwd, i) =>
      startNode({
        nats: { servers: server.url },
        name: `n${i + 1}`,
        cwd,
        log: (line) => said.set(`n${i + 1}`, [...(said.get(`n${i + 1}`) ?? []), line]),
      }),
    ),
  );
  // Ten agents and their units on a busy machine: a node is judged dead only after 10 s.
  nats = await natsBackend({ nats: { servers: server.url }, deadAfterMs: 10_000 });
}, 60_000);

afterAll(async () => {
  await nats?.close();
  await Promise.all(agents.map((agent) => agent.stop()));
  await stopAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Count → 998 stages, each adding its own number → sink; `place(i)` places stage i. */
async function chain(place: (i: number) => AddOptions<typeof Add>): Promise<unknown[]> {
  const items: unknown[] = [];
  const g = graph('scale');
  const stages = Array.from({ length: COMPONENTS - 2 }, (_, i) =>
    g.add(`add${i}`, Add, { ...place(i), params: { n: (i * 7) % 13 } }),
  );
  g.pipeline(
    g.add('count', C.Count, { params: { to: MESSAGES } }),
    ...stages,
    g.add('sink', collector(items)),
  );
  await expect(g.run({ backends: [nats] })).resolves.toEqual({ status: 'completed' });
  return items;
}

describe('a graph of 1,000 components over ten node agents', () => {
  test('completes with the same output as inline, every agent running its group', async () => {
    const inline = await chain(() => ({}));
    expect(inline).toHaveLength(MESSAGES);
    const perGroup = Math.ceil((COMPONENTS - 2) / AGENTS);
    const spread = await chain((i) => {
      const k = Math.floor(i / perGroup) + 1;
      return { backend: 'nats', group: `g${k}`, options: { node: `n${k}` } };
    });
    expect(spread).toEqual(inline);
    // Each agent started one unit, holding its group's stages.
    for (let k = 1; k <= AGENTS; k++) {
      const starts = (said.get(`n${k}`) ?? []).filter((line) => / started /.test(line));
      expect(starts).toHaveLength(1);
      const last = Math.min(k * perGroup, COMPONENTS - 2) - 1;
      expect(starts[0]).toContain(`'add${(k - 1) * perGroup}' (Add)`);
      expect(starts[0]).toContain(`'add${last}' (Add)`);
    }
  }, 120_000);
});
