/** Failures across the network: a node killed mid-run, a node on another version, a unit that crashes. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { type NatsBackend, natsBackend, startNode } from '@plexus/nats';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { ExitOn } from './fixtures/components.ts';
import {
  isAlive,
  PLEXUS,
  type Started,
  startNatsServer,
  startNodeAgent,
  startProxy,
  stopAll,
} from './natsServer.ts';

let server: Started;
let steady: Started;
let nats: NatsBackend;
const DEAD_AFTER_MS = 1500;

beforeAll(async () => {
  server = await startNatsServer();
  steady = await startNodeAgent(server.url, 'steady');
  nats = await natsBackend({ nats: { servers: server.url }, deadAfterMs: DEAD_AFTER_MS });
}, 30_000);

afterAll(async () => {
  await nats?.close();
  await stopAll();
});

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the run to fail, but it completed');
};

describe('failures on nats', () => {
  test('a node killed with SIGKILL mid-stream fails the graph within the bound, naming node, host and component', async () => {
    const victim = await startNodeAgent(server.url, 'victim');
    await new Promise((r) => setTimeout(r, 600)); // its heartbeats reach the coordinator
    const items: unknown[] = [];
    const g = graph('doomed');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 1_000_000 } }),
      g.add('slow', C.Slow, { backend: 'nats', options: { node: 'victim' }, params: { ms: 1 } }),
      g.add('sink', collector(items)),
    );
    const running = g.run({ backends: [nats] });
    while (items.length < 5) await new Promise((r) => setTimeout(r, 20));
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    const error = await failure(running);
    const took = Date.now() - killedAt;
    expect(error.code).toBe('ERR_UNIT_DIED');
    expect(error.message).toMatch(/Node 'victim' \(host \S+\) running 'slow' \(Slow\) on nats/);
    // The documented bound: deadAfterMs after the last heartbeat, plus one heartbeat period.
    expect(took).toBeLessThan(DEAD_AFTER_MS + 1500);
  });

  test('a node that stops heartbeating (SIGSTOP) fails the graph; resumed, it kills the orphaned unit', async () => {
    const frozen = await startNodeAgent(server.url, 'frozen');
    await new Promise((r) => setTimeout(r, 600));
    const items: unknown[] = [];
    const g = graph('stalled');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 1_000_000 } }),
      g.add('slow', C.Slow, { backend: 'nats', options: { node: 'frozen' }, params: { ms: 1 } }),
      g.add('sink', collector(items)),
    );
    const running = g.run({ backends: [nats] });
    while (items.length < 5) await new Promise((r) => setTimeout(r, 20));
    const pid = Number(
      /started 'slow' \(Slow\) for run \w+ \(pid (\d+)\)/.exec(frozen.output())?.[1],
    );
    frozen.child.kill('SIGSTOP');
    try {
      const error = await failure(running);
      expect(error.message).toMatch(
        /Node 'frozen' \(host \S+\) running 'slow' \(Slow\) on nats stopped heartbeating/,
      );
      // Its unit (a process of its own) outlived the coordinator's interest in it...
      expect(isAlive(pid)).toBe(true);
    } finally {
      frozen.child.kill('SIGCONT');
    }
    // ...until the node, resumed, hears that its coordinator gave up on it, and kills it.
    const resumedAt = Date.now();
    while (isAlive(pid) && Date.now() - resumedAt < 10_000)
      await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(pid)).toBe(false);
    expect(frozen.output()).toMatch(/coordinator gave up on 'slow' \(Slow\); killing it/);
    await frozen.stop();
  }, 30_000);

  test('a node partitioned from NATS (its connection cut) fails the graph within the bound, and kills its orphaned unit', async () => {
    const proxy = await startProxy(server.url);
    const island = await startNodeAgent(proxy.url, 'island');
    await new Promise((r) => setTimeout(r, 600));
    const items: unknown[] = [];
    const g = graph('partitioned');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 1_000_000 } }),
      g.add('slow', C.Slow, { backend: 'nats', options: { node: 'island' }, params: { ms: 1 } }),
      g.add('sink', collector(items)),
    );
    const running = g.run({ backends: [nats] });
    while (items.length < 5) await new Promise((r) => setTimeout(r, 20));
    const pid = Number(
      /started 'slow' \(Slow\) for run \w+ \(pid (\d+)\)/.exec(island.output())?.[1],
    );
    const cutAt = Date.now();
    proxy.cut();
    const error = await failure(running);
    expect(Date.now() - cutAt).toBeLessThan(DEAD_AFTER_MS + 1500);
    expect(error.message).toMatch(
      /Node 'island' \(host \S+\) running 'slow' \(Slow\) on nats stopped heartbeating .* partitioned/,
    );
    // The node, alive but cut off, no longer hears its coordinator, and kills the unit.
    while (isAlive(pid) && Date.now() - cutAt < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(pid)).toBe(false);
    expect(island.output()).toMatch(/coordinator is gone; killing 'slow' \(Slow\)/);
    await island.stop();
  }, 30_000);

  test('a crash in a component on a node fails the graph naming the component and where it ran', async () => {
    const g = graph('crash');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 10 } }),
      g.add('fail', C.FailOn, {
        backend: 'nats',
        options: { node: 'steady' },
        params: { value: 3 },
      }),
      g.add('sink', collector([])),
    );
    const error = await failure(g.run({ backends: [nats] }));
    expect(error.message).toMatch(
      /Component 'fail' \(FailOn, nats node 'steady' \(host \S+\), process \d+\) failed: RangeError: refusing 3/,
    );
  });

  test('a unit whose process exits fails the graph, naming its node, host, pid and exit code', async () => {
    const g = graph('exit');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 3 } }),
      g.add('quit', ExitOn, { backend: 'nats', options: { node: 'steady' }, params: { code: 3 } }),
    );
    const error = await failure(g.run({ backends: [nats] }));
    expect(error.code).toBe('ERR_UNIT_DIED');
    expect(error.message).toMatch(
      /^The process \d+ on node 'steady' \(host \S+\) running 'quit' \(ExitOn\) exited with code 3 before its components had finished\.( \d+ messages? on links that are not durable went with the copy that died and are lost \(count\.out -> quit\.in: \d+(; quit\.out -> \S+: \d+)?\); make those links durable to keep them\.)?$/,
    );
  });

  test('a node kills the units of a coordinator that is gone (SIGKILL): no orphans', async () => {
    const before = steady.output().length;
    const coordinator = spawn(
      process.execPath,
      [
        ...PLEXUS,
        'run',
        join(__dirname, 'fixtures', 'forever.graph.yaml'),
        '--nats',
        server.url,
        // The unit goes to the node agent, not to a node of the coordinator's own.
        '--no-local-node',
      ],
      { cwd: join(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let said = '';
    coordinator.stderr.on('data', (chunk: Buffer) => (said += chunk));
    const exited = new Promise((r) => coordinator.once('exit', r));
    try {
      const started = /started 'slow' \(Slow\) for run \w+ \(pid (\d+)\)/;
      // What the node says from now on: earlier tests ran units on it too.
      const heard = () => steady.output().slice(before);
      const deadline = Date.now() + 30_000;
      while (!started.test(heard()) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const pid = Number(started.exec(heard())?.[1]);
      // Never started: what the coordinator and the node said is the failure's message.
      expect({ pid: pid > 0, said, node: steady.output() }).toMatchObject({ pid: true });
      coordinator.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();
      while (isAlive(pid) && Date.now() - killedAt < 10_000)
        await new Promise((r) => setTimeout(r, 50));
      expect(isAlive(pid)).toBe(false);
      // The documented bound: orphanMs (3 s) after the coordinator's last heartbeat, plus one period.
      expect(Date.now() - killedAt).toBeLessThan(3000 + 1500);
      expect(steady.output()).toMatch(/coordinator is gone; killing 'slow' \(Slow\)/);
    } finally {
      coordinator.kill('SIGKILL');
    }
  }, 40_000);

  test('a node on another Plexus version is refused with both versions named', async () => {
    const old = await startNode({
      nats: { servers: server.url },
      name: 'old',
      version: '0.0.1',
      log: () => {},
    });
    try {
      const late = await natsBackend({ nats: { servers: server.url } });
      try {
        const g = graph('skew');
        g.pipeline(
          g.add('count', C.Count, { params: { to: 3 } }),
          g.add('pass', C.Pass, { backend: 'nats', options: { node: 'old' } }),
          g.add('sink', collector([])),
        );
        const error = await failure(g.run({ backends: [late] }));
        expect(error.code).toBe('ERR_NATS_VERSION_SKEW');
        expect(error.message).toMatch(
          /Node 'old' \(host \S+\) runs Plexus 0\.0\.1 and this coordinator \d/,
        );
      } finally {
        await late.close();
      }
    } finally {
      await old.stop();
    }
  });

  test('a placement no live node matches is refused, listing the live nodes', async () => {
    const g = graph('nowhere');
    g.pipeline(
      g.add('count', C.Count, { params: { to: 3 } }),
      g.add('pass', C.Pass, { backend: 'nats', options: { labels: ['tpu'] } }),
      g.add('sink', collector([])),
    );
    const error = await failure(g.run({ backends: [nats] }));
    expect(error.code).toBe('ERR_NATS_NO_NODE');
    expect(error.message).toMatch(/labels tpu.*'steady'/);
  });
});
