/**
 * A supervised unit on a node that dies, over plain (not durable) links: it restarts on another
 * node that matches, the live ends of its links learn of the new copy and start their
 * numbering again, the sender has its credits back, and the graph goes on. What was in flight
 * to the dead copy is lost: the sink sees an increasing run of the messages, none twice, and
 * what is missing is what the link's stats count as lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { RestOnce } from './fixtures/components.ts';
import { type Started, startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

const N = 20_000;
/** The first copy of the unit rests after this many messages, and its node is killed. */
const AT = 3000;
const DEAD_AFTER_MS = 1500;

let server: Started;
let nats: NatsBackend;

beforeAll(async () => {
  server = await startNatsServer();
  nats = await natsBackend({ nats: { servers: server.url }, deadAfterMs: DEAD_AFTER_MS });
}, 30_000);

afterAll(async () => {
  await nats?.close();
  await stopAll();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a supervised unit over plain links whose node dies', () => {
  test('restarts on a spare node; the run completes, losing only what was in flight, counted in stats', async () => {
    // Both match; the unit goes to the first by name (victim), and restarts on the other.
    const [victim, spare] = await Promise.all([
      startNodeAgent(server.url, 'victim', ['--labels', 'r']),
      startNodeAgent(server.url, 'victim2', ['--labels', 'r']),
    ]);
    await sleep(600); // their heartbeats reach the coordinator
    const dir = mkdtempSync(join(tmpdir(), 'plexus-restart-'));
    const items: number[] = [];
    const restarts: { name: string; where?: string; message: string }[] = [];
    const g = graph('restarted');
    const count = g.add('count', C.Count, { params: { to: N } });
    const b = g.add('b', RestOnce, {
      backend: 'nats',
      options: { labels: ['r'] },
      params: { at: AT, marker: join(dir, 'rested') },
      supervise: { backoffMs: 10 },
    });
    const sink = g.add('sink', collector(items));
    g.link(count.outbox('out'), b.inbox('in'));
    g.link(b.outbox('out'), sink.inbox('in'));
    g.on('component:restart', (info, error) =>
      restarts.push({ name: info.name, where: info.where, message: error.message }),
    );
    const running = g.run({ backends: [nats] });
    try {
      // Its first copy rests after AT messages, its inbox full: kill its node then, once its
      // last counters (reported every 50 ms) have reached the coordinator.
      while (items.length < AT) await sleep(10);
      await sleep(500);
      victim.child.kill('SIGKILL');
      await running;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // An increasing run, none twice, order kept: the first AT, then from after what was lost.
    for (let i = 1; i < items.length; i++) expect(items[i]!).toBeGreaterThan(items[i - 1]!);
    expect(items.slice(0, AT)).toEqual(Array.from({ length: AT }, (_, i) => i + 1));
    expect(items.at(-1)).toBe(N);
    const missing = N - items.length;
    expect(missing).toBeGreaterThan(0);
    const links = g.stats().links;
    expect(links.find((link) => link.from === 'count.out')?.lost).toBe(missing);
    expect(links.find((link) => link.from === 'b.out')?.lost).toBeUndefined();

    expect(restarts).toHaveLength(1);
    expect(restarts[0]!.name).toBe('b');
    expect(restarts[0]!.message).toMatch(
      /^Node 'victim' \(host \S+\) running 'b' \(RestOnce\) on nats stopped heartbeating/,
    );
    expect(restarts[0]!.message).toContain(
      `${missing} messages on links that are not durable went with the copy that died and are lost (count.out -> b.in: ${missing})`,
    );
    expect(restarts[0]!.where).toMatch(/nats node 'victim2'/);
    expect(spare.output()).toMatch(/started 'b' \(RestOnce\)/);
    await spare.stop();
  }, 60_000);
});
