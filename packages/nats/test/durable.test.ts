/**
 * Durable links on JetStream: numbered messages through inline → node A → node B → inline
 * arrive once each and in order — and so they do when node B is killed mid-stream and its
 * supervised unit restarts on another node, resuming its durable links.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { graph } from '@plexus/core';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { workerBackend } from '@plexus/worker';
import { ExitOnce, Paced } from './fixtures/components.ts';
import { isAlive, type Started, startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

/** Enough for a few seconds here; the million-message run is `PLEXUS_DURABLE_N=1000000`. */
const N = Number(process.env.PLEXUS_DURABLE_N ?? 20_000);
const DEAD_AFTER_MS = 1500;

let server: Started;
let nats: NatsBackend;

beforeAll(async () => {
  server = await startNatsServer();
  await Promise.all([startNodeAgent(server.url, 'da'), startNodeAgent(server.url, 'db')]);
  nats = await natsBackend({ nats: { servers: server.url }, deadAfterMs: DEAD_AFTER_MS });
}, 30_000);

afterAll(async () => {
  await nats?.close();
  await stopAll();
});

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The JetStream streams of links on the server now. */
const linkStreams = async () => {
  const nc = await connect({ servers: server.url });
  try {
    const names: string[] = [];
    for await (const name of (await jetstreamManager(nc)).streams.names()) names.push(name);
    return names.filter((name) => name.startsWith('plexus_run_'));
  } finally {
    await nc.close();
  }
};

describe('durable links', () => {
  test(`${N} numbered messages through inline → node A → node B → inline, all durable: each once, in order`, async () => {
    const items: unknown[] = [];
    const g = graph('durable');
    const count = g.add('count', C.Count, { params: { to: N } });
    const a = g.add('a', C.Pass, { backend: 'nats', options: { node: 'da' } });
    const b = g.add('b', C.Pass, { backend: 'nats', options: { node: 'db' } });
    const sink = g.add('sink', collector(items));
    g.link(count.outbox('out'), a.inbox('in'), { durable: true });
    g.link(a.outbox('out'), b.inbox('in'), { durable: true });
    g.link(b.outbox('out'), sink.inbox('in'), { durable: true });
    const running = g.run({ backends: [nats] });
    while (items.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(await linkStreams()).toHaveLength(3);
    await running;
    expect(items).toEqual(numbers(N));
    // Each link's stream is gone once the units at its ends have ended.
    expect(await linkStreams()).toEqual([]);
  }, 60_000);

  test('a durable link between a worker thread of the coordinator and a node, relayed: each once, in order', async () => {
    const items: unknown[] = [];
    const g = graph('relayed');
    const count = g.add('count', C.Count, { params: { to: 5000 } });
    const w = g.add('w', C.Pass, { backend: 'worker' });
    const b = g.add('b', C.Pass, { backend: 'nats', options: { node: 'db' } });
    const back = g.add('back', C.Pass, { backend: 'worker' });
    const sink = g.add('sink', collector(items));
    g.link(count.outbox('out'), w.inbox('in'));
    g.link(w.outbox('out'), b.inbox('in'), { durable: true });
    g.link(b.outbox('out'), back.inbox('in'), { durable: true });
    g.link(back.outbox('out'), sink.inbox('in'));
    await g.run({ backends: [nats, workerBackend()] });
    expect(items).toEqual(numbers(5000));
  }, 60_000);

  test(`${N} numbered messages, node B killed with SIGKILL mid-stream: its unit restarts on another node and resumes, none lost, none twice, in order`, async () => {
    // Both match B; B goes to the first by name (victim), and restarts on the other.
    const [victim, spare] = await Promise.all([
      startNodeAgent(server.url, 'victim', ['--labels', 'b']),
      startNodeAgent(server.url, 'victim2', ['--labels', 'b']),
    ]);
    await new Promise((r) => setTimeout(r, 600)); // their heartbeats reach the coordinator
    const items: unknown[] = [];
    const restarts: string[] = [];
    const g = graph('resumed');
    const count = g.add('count', C.Count, { params: { to: N } });
    const a = g.add('a', C.Pass, { backend: 'nats', options: { node: 'da' } });
    const b = g.add('b', Paced, {
      backend: 'nats',
      options: { labels: ['b'] },
      // About 200 pauses of 25 ms, whatever N: the stream lasts long enough to be cut.
      params: { every: Math.max(1, Math.round(N / 200)), ms: 25 },
      supervise: {},
    });
    const sink = g.add('sink', collector(items));
    g.link(count.outbox('out'), a.inbox('in'));
    g.link(a.outbox('out'), b.inbox('in'), { durable: true });
    g.link(b.outbox('out'), sink.inbox('in'), { durable: true });
    g.on('component:restart', (info) => restarts.push(info.name));
    const running = g.run({ backends: [nats] });
    const reached = async (n: number) => {
      while (items.length < n) await new Promise((r) => setTimeout(r, 10));
    };
    await reached(N / 4);
    expect(items.length).toBeLessThan(N / 2);
    victim.child.kill('SIGKILL');
    await running;
    expect(items.length).toBe(N);
    expect(items).toEqual(numbers(N));
    expect(restarts).toEqual(['b']);
    expect(spare.output()).toMatch(/started 'b' \(Paced\)/);
  }, 60_000);

  test(`${N} numbered messages, node B frozen (SIGSTOP) mid-stream: its unit restarts elsewhere, and the copy left behind is fenced off and killed when the node resumes; none lost, none twice`, async () => {
    // Both match B; B goes to the first by name (frozen), and restarts on the other.
    const [frozen, spare] = await Promise.all([
      startNodeAgent(server.url, 'frozen', ['--labels', 'f']),
      startNodeAgent(server.url, 'thawed', ['--labels', 'f']),
    ]);
    await new Promise((r) => setTimeout(r, 600));
    const items: unknown[] = [];
    const g = graph('fenced');
    const count = g.add('count', C.Count, { params: { to: N } });
    const b = g.add('b', Paced, {
      backend: 'nats',
      options: { labels: ['f'] },
      params: { every: Math.max(1, Math.round(N / 200)), ms: 25 },
      supervise: {},
    });
    const sink = g.add('sink', collector(items));
    g.link(count.outbox('out'), b.inbox('in'), { durable: true });
    g.link(b.outbox('out'), sink.inbox('in'), { durable: true });
    const restarted = new Promise<void>((resolve) => g.on('component:restart', () => resolve()));
    const running = g.run({ backends: [nats] });
    while (items.length < N / 4) await new Promise((r) => setTimeout(r, 10));
    const pid = Number(
      /started 'b' \(Paced\) for run \w+ \(pid (\d+)\)/.exec(frozen.output())?.[1],
    );
    // The node stops; the unit's own process runs on, still reading its durable input...
    frozen.child.kill('SIGSTOP');
    try {
      await restarted;
      // ...until the copy started on the spare node takes the link's input for itself.
      while (items.length < N / 2) await new Promise((r) => setTimeout(r, 10));
      expect(isAlive(pid)).toBe(true);
    } finally {
      frozen.child.kill('SIGCONT');
    }
    await running;
    expect(items).toEqual(numbers(N));
    expect(spare.output()).toMatch(/started 'b' \(Paced\)/);
    const resumedAt = Date.now();
    while (isAlive(pid) && Date.now() - resumedAt < 10_000)
      await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(pid)).toBe(false);
    expect(frozen.output()).toMatch(
      /coordinator started 'b' \(Paced\) again on node 'thawed'; killing the copy here/,
    );
    await frozen.stop();
    await spare.stop();
  }, 60_000);

  test('a supervised unit whose process exits mid-stream starts again and resumes its durable links: none lost, none twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexus-durable-'));
    const items: unknown[] = [];
    const restarts: string[] = [];
    const g = graph('exits');
    const count = g.add('count', C.Count, { params: { to: N } });
    const a = g.add('a', C.Pass, { backend: 'nats', options: { node: 'da' } });
    const b = g.add('b', ExitOnce, {
      backend: 'nats',
      options: { node: 'db' },
      params: { at: N / 2, marker: join(dir, 'exited') },
      supervise: {},
    });
    const sink = g.add('sink', collector(items));
    g.link(count.outbox('out'), a.inbox('in'));
    g.link(a.outbox('out'), b.inbox('in'), { durable: true });
    g.link(b.outbox('out'), sink.inbox('in'), { durable: true });
    g.on('component:restart', (info) => restarts.push(info.name));
    try {
      await g.run({ backends: [nats] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(restarts).toEqual(['b']);
    expect(items).toEqual(numbers(N));
  }, 60_000);

  test("restarts stop at the supervisor's maxRestarts: then the unit's death fails the graph", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexus-durable-'));
    const restarts: string[] = [];
    const g = graph('exits-again');
    const count = g.add('count', C.Count, { params: { to: 1000 } });
    const b = g.add('b', ExitOnce, {
      backend: 'nats',
      options: { node: 'db' },
      params: { at: 10, marker: join(dir, 'exits'), times: 5 },
      supervise: { maxRestarts: 2 },
    });
    const sink = g.add('sink', collector([]));
    g.link(count.outbox('out'), b.inbox('in'), { durable: true });
    g.link(b.outbox('out'), sink.inbox('in'), { durable: true });
    g.on('component:restart', (info) => restarts.push(info.name));
    const error = await g.run({ backends: [nats] }).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    rmSync(dir, { recursive: true, force: true });
    expect(restarts).toEqual(['b', 'b']);
    expect(error?.code).toBe('ERR_UNIT_DIED');
    expect(error?.message).toMatch(/running 'b' \(ExitOnce\) exited with code 3/);
  }, 60_000);

  test('without durable, a node killed mid-stream fails the graph, counting the messages lost on its links', async () => {
    const doomed = await startNodeAgent(server.url, 'doomed');
    await new Promise((r) => setTimeout(r, 600));
    const items: unknown[] = [];
    const g = graph('lossy');
    g.pipeline(
      g.add('count', C.Count, { params: { to: N } }),
      g.add('slow', Paced, {
        backend: 'nats',
        options: { node: 'doomed' },
        params: { every: 10, ms: 5 },
      }),
      g.add('sink', collector(items)),
    );
    const running = g.run({ backends: [nats] });
    while (items.length < 100) await new Promise((r) => setTimeout(r, 10));
    doomed.child.kill('SIGKILL');
    const error = await running.then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('ERR_UNIT_DIED');
    const lost =
      /(\d+) messages? on links that are not durable went with the copy that died and are lost \(count\.out -> slow\.in: (\d+)(?:; slow\.out -> sink\.in: (\d+))?\); make those links durable to keep them\.$/.exec(
        error!.message,
      );
    expect(lost).not.toBeNull();
    const [total, into, out] = [lost![1], lost![2], lost![3] ?? '0'].map(Number);
    expect(into).toBeGreaterThan(0);
    expect(total).toBe(into! + out!);
    // The counts are the links' `lost`: sent by count and not taken by slow when it last
    // reported (its inbox's messages among them), and sent by slow that never reached the sink.
    const links = g.stats().links;
    expect(links.find((l) => l.from === 'count.out')!.lost).toBe(into);
    expect(links.find((l) => l.from === 'slow.out')!.lost ?? 0).toBe(out);
    // What the sink misses is what was lost, but for what the copy did after its last report
    // (up to 50 ms of work, more on a loaded machine): no more than was sent.
    const sent = links.find((l) => l.from === 'count.out')!.sent;
    expect(sent - items.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(sent);
  }, 60_000);
});
