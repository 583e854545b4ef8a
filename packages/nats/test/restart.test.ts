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
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { graph } from '@plexus/core';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { natsEndpoint } from '../src/internal/natsEndpoint.ts';
import { ExitOnce, Paced, RestOnce } from './fixtures/components.ts';
import { type Started, startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

const N = 20_000;
/** The first copy of the unit rests after this many messages, and its node is killed. */
const AT = 3000;
const DEAD_AFTER_MS = 1500;

let server: Started;
let nats: NatsBackend;
let nc: NatsConnection;

beforeAll(async () => {
  server = await startNatsServer();
  nats = await natsBackend({ nats: { servers: server.url }, deadAfterMs: DEAD_AFTER_MS });
  nc = await connect({ servers: server.url });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await nats?.close();
  await stopAll();
});

/** What `end` hands its side of the link, as it comes. */
const heard = (end: ReturnType<typeof natsEndpoint>) => {
  const got: unknown[] = [];
  end.addEventListener('message', (event) => got.push(event.data));
  return got;
};

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

/** The link protocol's RESTARTED (the core's linkProtocol.ts). */
const RESTARTED = 7;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the ends of a plain link hear a new copy of the unit at the other end', () => {
  test('a sender whose receiver restarted (a later epoch) numbers from 0 again, says RESTARTED, and drops what the dead copy had not taken', async () => {
    const sender = natsEndpoint(nc, 'test.epoch.r', false);
    const toSender = heard(sender);
    const first = natsEndpoint(nc, 'test.epoch.r', true, 0);
    const gotFirst = heard(first);
    sender.postMessage('a');
    await until(() => gotFirst.length === 1);
    first.destroy?.(); // the first copy dies...
    sender.postMessage('lost'); // ...so this goes nowhere
    const again = natsEndpoint(nc, 'test.epoch.r', true, 1);
    const gotAgain = heard(again);
    await until(() => toSender.length === 1);
    expect(toSender).toEqual([[RESTARTED]]);
    sender.postMessage('b');
    await until(() => gotAgain.length === 1);
    await sleep(100);
    expect(gotAgain).toEqual(['b']);
    for (const end of [sender, again]) end.destroy?.();
  });

  test('a receiver whose sender restarted takes the new copy from its number 0, after RESTARTED, and nothing more of the old', async () => {
    const receiver = natsEndpoint(nc, 'test.epoch.s', true);
    const got = heard(receiver);
    const first = natsEndpoint(nc, 'test.epoch.s', false, 0);
    for (const message of ['a', 'b']) first.postMessage(message);
    await until(() => got.length === 2);
    const again = natsEndpoint(nc, 'test.epoch.s', false, 1);
    again.postMessage('c');
    await until(() => got.length === 4);
    // A stale copy (cut off, not dead) still sending is not heard.
    first.postMessage('stale');
    again.postMessage('d');
    await until(() => got.length === 5);
    await sleep(100);
    expect(got).toEqual(['a', 'b', [RESTARTED], 'c', 'd']);
    for (const end of [receiver, first, again]) end.destroy?.();
  });
});

/**
 * count → [a, on node 'up'] → b (supervised, first on `victim`) → sink, plain links: kill
 * b's node while its first copy rests after AT messages, its inbox full (once its last counters,
 * reported every 50 ms, have reached the coordinator). `viaNode`: b's input comes from a unit
 * on another node, not from the coordinator.
 */
async function killMidStream(tag: string, viaNode: boolean) {
  // Both match; the unit goes to the first by name (victim), and restarts on the other.
  const [victim, spare, up] = await Promise.all([
    startNodeAgent(server.url, `${tag}-victim`, ['--labels', tag]),
    startNodeAgent(server.url, `${tag}-victim2`, ['--labels', tag]),
    viaNode ? startNodeAgent(server.url, `${tag}-up`) : undefined,
  ]);
  await sleep(600); // their heartbeats reach the coordinator
  const dir = mkdtempSync(join(tmpdir(), 'plexus-restart-'));
  const items: number[] = [];
  const restarts: { name: string; where?: string; message: string }[] = [];
  const g = graph(tag);
  const count = g.add('count', C.Count, { params: { to: N } });
  const a = viaNode
    ? g.add('a', C.Pass, { backend: 'nats', options: { node: `${tag}-up` } })
    : undefined;
  const b = g.add('b', RestOnce, {
    backend: 'nats',
    options: { labels: [tag] },
    params: { at: AT, marker: join(dir, 'rested') },
    supervise: { backoffMs: 10 },
  });
  const sink = g.add('sink', collector(items));
  if (a === undefined) g.link(count.outbox('out'), b.inbox('in'));
  else g.pipeline(count, a, b);
  g.link(b.outbox('out'), sink.inbox('in'));
  g.on('component:restart', (info, error) =>
    restarts.push({ name: info.name, where: info.where, message: error.message }),
  );
  const running = g.run({ backends: [nats] });
  try {
    while (items.length < AT) await sleep(10);
    await sleep(500);
    victim.child.kill('SIGKILL');
    await running;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([spare.stop(), up?.stop()]);
  }
  return { items, restarts, links: g.stats().links, spare };
}

describe('a supervised unit over plain links whose node dies', () => {
  test.each([
    ['the coordinator', 'inline', false, 'count.out'],
    ['a unit on another node', 'vianode', true, 'a.out'],
  ])(
    'restarts on a spare node, its input from %s; the run completes, losing only what was in flight, counted in stats',
    async (_, tag, viaNode, into) => {
      const { items, restarts, links, spare } = await killMidStream(tag, viaNode);

      // An increasing run, none twice, order kept: the first AT, then from after what was lost.
      for (let i = 1; i < items.length; i++) expect(items[i]!).toBeGreaterThan(items[i - 1]!);
      expect(items.slice(0, AT)).toEqual(Array.from({ length: AT }, (_, i) => i + 1));
      expect(items.at(-1)).toBe(N);
      const missing = N - items.length;
      expect(missing).toBeGreaterThan(0);
      expect(links.find((link) => link.from === into)?.lost).toBe(missing);
      expect(links.filter((link) => link.lost !== undefined)).toHaveLength(1);

      expect(restarts).toHaveLength(1);
      expect(restarts[0]!.name).toBe('b');
      expect(restarts[0]!.message).toMatch(
        new RegExp(
          `^Node '${tag}-victim' \\(host \\S+\\) running 'b' \\(RestOnce\\) on nats stopped heartbeating`,
        ),
      );
      expect(restarts[0]!.message).toContain(
        `${missing} messages on links that are not durable went with the copy that died and are lost (${into} -> b.in: ${missing})`,
      );
      expect(restarts[0]!.where).toContain(`nats node '${tag}-victim2'`);
      expect(spare.output()).toMatch(/started 'b' \(RestOnce\)/);
    },
    60_000,
  );

  test('whose process exits mid-stream (its node lives) starts again too, and the run completes', async () => {
    const node = await startNodeAgent(server.url, 'exits');
    await sleep(600);
    const dir = mkdtempSync(join(tmpdir(), 'plexus-restart-'));
    const items: number[] = [];
    const restarts: string[] = [];
    const g = graph('exits');
    g.pipeline(
      g.add('count', C.Count, { params: { to: N } }),
      g.add('b', ExitOnce, {
        backend: 'nats',
        options: { node: 'exits' },
        params: { at: AT, marker: join(dir, 'exited') },
        supervise: {},
      }),
      g.add('sink', collector(items)),
    );
    g.on('component:restart', (info) => restarts.push(info.name));
    try {
      await g.run({ backends: [nats] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await node.stop();
    }
    expect(restarts).toEqual(['b']);
    for (let i = 1; i < items.length; i++) expect(items[i]!).toBeGreaterThan(items[i - 1]!);
    expect(items.at(-1)).toBe(N);
    // Counted from its last report, 50 ms old at most, while it was busy: near, not exact.
    const lost = g.stats().links.reduce((sum, link) => sum + (link.lost ?? 0), 0);
    expect(lost).toBeGreaterThan(0);
    expect(N - items.length).toBeGreaterThan(0);
  }, 60_000);

  test('two linked to each other on one node both restart elsewhere: their link crosses NATS, not a Unix socket there', async () => {
    const victim = await startNodeAgent(server.url, 'pair-victim', ['--labels', 'pair']);
    await sleep(600);
    const items: number[] = [];
    const restarted: string[] = [];
    const g = graph('pair');
    const placed = { backend: 'nats', options: { labels: ['pair'] } } as const;
    g.pipeline(
      g.add('count', C.Count, { params: { to: N } }),
      // About 200 pauses of 25 ms: the stream lasts long enough to be cut.
      g.add('b', Paced, { ...placed, params: { every: N / 200, ms: 25 }, supervise: {} }),
      g.add('c', C.Pass, { ...placed, supervise: {} }),
      g.add('sink', collector(items)),
    );
    g.on('component:restart', (info) => restarted.push(info.name));
    // Both units go to the one node that matches, so the b -> c link is within it; the spare
    // that matches too starts once they run.
    const running = g.run({ backends: [nats] });
    const spare = await startNodeAgent(server.url, 'pair-spare', ['--labels', 'pair']);
    try {
      while (items.length < 100) await sleep(10);
      await sleep(600); // the spare's heartbeats reach the coordinator
      expect(items.length).toBeLessThan(N / 2);
      victim.child.kill('SIGKILL');
      await running;
    } finally {
      await spare.stop();
    }
    expect(restarted.sort()).toEqual(['b', 'c']);
    for (let i = 1; i < items.length; i++) expect(items[i]!).toBeGreaterThan(items[i - 1]!);
    expect(items.at(-1)).toBe(N);
    expect(spare.output()).toMatch(/started 'b' \(Paced\)/);
    expect(spare.output()).toMatch(/started 'c' \(Pass\)/);
  }, 60_000);
});
