import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, jest, test } from '@jest/globals';
import { graph, isPlexusError } from '@plexus/core';
import { liveProcesses, processBackend } from '@plexus/process';
import { collector } from '@plexus/scenarios';
import { Count, Emit, Pass, Sum } from '@plexus/scenarios/components';
import { workerBackend } from '@plexus/worker';
import { Big, ReadFile, Spawn, WhoAmI, WriteFile } from './fixtures/components.ts';

const backends = [processBackend()];
const scratch = mkdtempSync(join(tmpdir(), 'plexus-process-test-'));

afterEach(() => {
  jest.restoreAllMocks();
  // No orphans, no zombies: every child has exited (and been waited for) when the run ends.
  expect(liveProcesses()).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('placement', () => {
  test('each component gets a process of its own, with the environment and working directory asked for', async () => {
    const g = graph();
    const items: { pid: number; cwd: string; env?: string }[] = [];
    const sink = g.add('sink', collector(items));
    g.link(
      g
        .add('a', WhoAmI, {
          backend: 'process',
          options: { env: { PLEXUS_TEST: 'hello' }, cwd: scratch },
        })
        .outbox('out'),
      sink.inbox('in'),
    );
    g.link(g.add('b', WhoAmI, { backend: 'process' }).outbox('out'), sink.inbox('in'));
    await g.run({ backends });
    const pids = new Set(items.map((item) => item.pid));
    expect(pids.size).toBe(2);
    expect(pids.has(process.pid)).toBe(false);
    expect(items).toContainEqual(
      expect.objectContaining({
        env: 'hello',
        cwd: expect.stringContaining('plexus-process-test-'),
      }),
    );
  });

  test('placing on process needs no backend option: @plexus/process is loaded on demand', async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 3 } }),
      g.add('pass', Pass, { backend: 'process' }),
      g.add('sink', collector(items)),
    );
    await g.run();
    expect(items).toEqual([1, 2, 3]);
  });

  test.each([
    [
      'worker',
      'memoryMb',
      "Component 'pass' (Pass) is placed on backend 'worker' with option 'memoryMb', which that backend does not read (it reads: resourceLimits). Remove it, or place the component on 'process', which reads it.",
    ],
    [
      'process',
      'resourceLimits',
      "Component 'pass' (Pass) is placed on backend 'process' with option 'resourceLimits', which that backend does not read (it reads: env, cwd, memoryMb, youngMb, permissions, external). Remove it, or place the component on 'worker', which reads it.",
    ],
  ] as const)(
    "an option backend '%s' does not read (%s) fails the run before anything starts",
    async (backend, option, message) => {
      const g = graph();
      g.pipeline(
        g.add('count', Count, { params: { to: 3 } }),
        g.add('pass', Pass, { backend, options: { [option]: 64 } }),
        g.add('sink', collector([])),
      );
      const error = await g.run({ backends: [workerBackend(), processBackend()] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isPlexusError(error) && error.code).toBe('ERR_BAD_PLACEMENT');
      expect((error as Error).message).toBe(message);
      expect(liveProcesses()).toBe(0);
    },
  );
});

describe('the data path', () => {
  test('the parent relays no data between two processes', async () => {
    let written = 0;
    const write = net.Socket.prototype.write;
    jest.spyOn(net.Socket.prototype, 'write').mockImplementation(function (
      this: net.Socket,
      ...args: unknown[]
    ) {
      const chunk = args[0] as Buffer | string;
      written += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    });
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 5000 }, backend: 'process' }),
      g.add('pass', Pass, { backend: 'process' }),
      g.add('sum', Sum, { backend: 'process' }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    expect(items).toEqual([12_502_500]);
    // 5,000 messages crossed between children; the parent wrote only the one credit it owed.
    expect(written).toBeLessThan(100);
    expect(g.stats().links.find((l) => l.from === 'count.out')).toMatchObject({
      sent: 5000,
      delivered: 5000,
    });
  });

  test('every message type structured clone carries arrives intact across processes', async () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const messages = [
      new Map<unknown, unknown>([
        [1, 'one'],
        ['k', { nested: [1, 2] }],
      ]),
      new Set(['a', 'b']),
      new Date(86_400_000),
      123456789012345678901234567890n,
      new Uint8Array([1, 2, 3]),
      new Float64Array([1.5, -2.25]),
      { deep: { er: { and: [{ deeper: true }] } } },
      /pattern/gi,
      new RangeError('kept'),
      cyclic,
      [undefined, null, Number.NaN, -0, 'text'],
    ];
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('emit', Emit, { params: { items: messages } }),
      g.add('pass', Pass, { backend: 'process' }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    expect(items).toHaveLength(messages.length);
    expect(items.slice(0, 8)).toEqual(messages.slice(0, 8));
    expect(items[8]).toMatchObject({ name: 'RangeError', message: 'kept' });
    const loop = items[9] as Record<string, unknown>;
    expect(loop.self).toBe(loop);
    expect(Object.is((items[10] as unknown[])[3], -0)).toBe(true);
  });

  test('a 64 MB message crosses a process boundary whole', async () => {
    const g = graph();
    const items: Uint8Array[] = [];
    g.pipeline(
      g.add('big', Big, { params: { mb: 64 }, backend: 'process' }),
      g.add('pass', Pass, { backend: 'process' }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    const bytes = items[0]!;
    expect(bytes.length).toBe(64 * 1024 * 1024);
    for (const i of [0, 1, 250, 251, 1_000_003, bytes.length - 1]) expect(bytes[i]).toBe(i % 251);
  }, 60_000);

  test('replicas run in separate processes and share the work', async () => {
    const { WhereAmI } = await import('./fixtures/replica.ts');
    const g = graph();
    const items: { n: number; pid: number }[] = [];
    g.pipeline(
      g.add('count', Count, { params: { to: 200 } }),
      g.add('where', WhereAmI, { backend: 'process', replicas: 2, ordered: true }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    expect(items.map((item) => item.n)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(items.map((item) => item.pid)).size).toBe(2);
  });

  test('stats of ordered replicas at the end of a run: a row per replica link, none queued', async () => {
    const { Sift } = await import('@plexus/scenarios/components');
    const g = graph();
    const sift = g.add('sift', Sift, {
      params: { every: 1000 },
      backend: 'process',
      replicas: 2,
      ordered: true,
    });
    g.link(g.add('count', Count, { params: { to: 1999 } }).outbox('out'), sift.inbox('in'));
    // Small links, so the replicas end before all their credits have come back.
    g.link(sift.outbox('out'), g.add('sink', collector([])).inbox('in'), { capacity: 64 });
    g.link(sift.outbox('bad'), g.add('sinkBad', collector([])).inbox('in'), { capacity: 64 });
    await g.run({ backends });
    const links = g.stats().links.filter((l) => l.from.startsWith('sift'));
    expect(links.map((l) => `${l.from} -> ${l.to}`).sort()).toEqual([
      'sift#1.bad -> sinkBad.in',
      'sift#1.out -> sink.in',
      'sift#2.bad -> sinkBad.in',
      'sift#2.out -> sink.in',
    ]);
    const total = (box: string) =>
      links.filter((l) => l.from.endsWith(`.${box}`)).reduce((sum, l) => sum + l.sent, 0);
    expect([total('out'), total('bad')]).toEqual([1998, 1]);
    for (const l of links)
      expect(`${l.from}: ${l.delivered} of ${l.sent} taken, ${l.queued} queued`).toBe(
        `${l.from}: ${l.sent} of ${l.sent} taken, 0 queued`,
      );
  });
});

describe('the permission sandbox', () => {
  const allowed = join(scratch, 'allowed.txt');
  writeFileSync(allowed, 'you may read this');

  test('a sandboxed component reads what its allow-list allows', async () => {
    const g = graph();
    const items: unknown[] = [];
    g.pipeline(
      g.add('paths', Emit, { params: { items: [allowed] } }),
      g.add('reader', ReadFile, {
        backend: 'process',
        options: { permissions: { read: [allowed] } },
      }),
      g.add('sink', collector(items)),
    );
    await g.run({ backends });
    expect(items).toEqual(['you may read this']);
  });

  test('reaching outside its allow-list fails, naming the component and the denied access', async () => {
    const forbidden = join(scratch, 'forbidden.txt');
    writeFileSync(forbidden, 'secret');
    const g = graph();
    g.pipeline(
      g.add('paths', Emit, { params: { items: [forbidden] } }),
      g.add('reader', ReadFile, {
        backend: 'process',
        options: { permissions: { read: [allowed] } },
      }),
      g.add('sink', collector([])),
    );
    const error = await g.run({ backends }).catch((e: Error) => e);
    expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Component 'reader' \\(ReadFile, process \\d+\\) was denied FileSystemRead access to ${forbidden.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} by its permission sandbox\\. Allow it in the placement's options\\.permissions if it should have it\\.`,
      ),
    );
  });

  test('writing is allowed only where the allow-list says', async () => {
    const writable = join(scratch, 'out.txt');
    const elsewhere = join(tmpdir(), `plexus-forbidden-${process.pid}.txt`);
    const run = async (path: string) => {
      const g = graph();
      g.pipeline(
        g.add('paths', Emit, { params: { items: [path] } }),
        g.add('writer', WriteFile, {
          backend: 'process',
          options: { permissions: { write: [writable] } },
        }),
        g.add('sink', collector([])),
      );
      return g.run({ backends });
    };
    await expect(run(writable)).resolves.toEqual({ status: 'completed' });
    await expect(run(elsewhere)).rejects.toThrow(
      /was denied FileSystemWrite access to .*plexus-forbidden-/,
    );
  });

  test('starting a child process is denied unless allowed, and Node warns when it is', async () => {
    let printed = '';
    const warned = [processBackend({ stderr: (chunk) => (printed += Buffer.from(chunk)) })];
    const run = async (childProcess: boolean) => {
      const g = graph();
      const items: unknown[] = [];
      g.pipeline(
        g.add('go', Emit, { params: { items: [1] } }),
        g.add('spawner', Spawn, { backend: 'process', options: { permissions: { childProcess } } }),
        g.add('sink', collector(items)),
      );
      await g.run({ backends: warned });
      return items;
    };
    await expect(run(false)).rejects.toThrow(
      /^Component 'spawner' \(Spawn, process \d+\) was denied ChildProcess access by its permission sandbox\./,
    );
    expect(printed).not.toContain('SecurityWarning');
    await expect(run(true)).resolves.toEqual([0]);
    expect(printed).toContain('SecurityWarning: The flag --allow-child-process');
  });
});
