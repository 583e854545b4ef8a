/**
 * Test set-up: a real `nats-server` with JetStream on a free loopback port, in a temporary
 * directory, and node agents as separate processes in directories of their own. On a machine
 * without nats-server: `apt-get install -y nats-server` (.ci/run does).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';

const NATS_SERVER = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find(existsSync);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Started {
  readonly url: string;
  readonly child: ChildProcess;
  /** What it wrote, for assertions. */
  output(): string;
  stop(): Promise<void>;
}

async function waitFor(child: ChildProcess, text: () => string, pattern: RegExp, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!pattern.test(text())) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited before ${pattern}: ${text()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}: ${text()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const running = new Set<() => Promise<void>>();

/** Stop every server and node agent the tests started (afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

function stopper(child: ChildProcess, cleanup: () => void) {
  const stop = async () => {
    running.delete(stop);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    cleanup();
  };
  running.add(stop);
  return stop;
}

/** A nats-server with JetStream on a free port. */
export async function startNatsServer(extra: readonly string[] = []): Promise<Started> {
  if (NATS_SERVER === undefined)
    throw new Error('nats-server is not installed: apt-get install -y nats-server');
  const given = extra.indexOf('-p');
  const port = given === -1 ? await freePort() : Number(extra[given + 1]);
  const dir = mkdtempSync(join(tmpdir(), 'plexus-nats-'));
  const child = spawn(
    NATS_SERVER,
    ['-a', '127.0.0.1', ...(given === -1 ? ['-p', String(port)] : []), '-js', '-sd', dir, ...extra],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c));
  child.stderr?.on('data', (c: Buffer) => (out += c));
  child.on('error', () => {});
  const stop = stopper(child, () => rmSync(dir, { recursive: true, force: true }));
  await waitFor(child, () => out, /Server is ready/);
  return { url: `nats://127.0.0.1:${port}`, child, output: () => out, stop };
}

/** A cluster of nats-servers on loopback, each with JetStream in a directory of its own. */
export interface Cluster {
  /** The servers, in order: `servers[i].url` is the client URL of the i-th. */
  readonly servers: readonly Started[];
}

/**
 * `size` nats-servers routed to each other as cluster `plexus-test`, each with JetStream (its
 * store in a temporary directory), named `s1`, `s2`…; resolves once the cluster has a
 * JetStream meta leader (until then JetStream requests fail). Stopped with the rest (stopAll).
 */
export async function startNatsCluster(size = 3): Promise<Cluster> {
  const ports = await Promise.all(Array.from({ length: size }, () => freePort()));
  const routePorts = await Promise.all(Array.from({ length: size }, () => freePort()));
  const routes = routePorts.map((port) => `nats-route://127.0.0.1:${port}`).join(',');
  const servers = await Promise.all(
    ports.map((port, i) =>
      startNatsServer([
        '-p',
        String(port),
        '-n',
        `s${i + 1}`,
        '--cluster_name',
        'plexus-test',
        '--cluster',
        `nats://127.0.0.1:${routePorts[i]}`,
        '--routes',
        routes,
      ]),
    ),
  );
  const deadline = Date.now() + 20_000;
  while (
    !servers.some((server) =>
      /JetStream cluster new metadata leader|Self is new JetStream cluster metadata leader/.test(
        server.output(),
      ),
    )
  ) {
    if (Date.now() > deadline)
      throw new Error(`the cluster elected no JetStream meta leader: ${servers[0]!.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { servers };
}

const repo = join(__dirname, '..', '..', '..');
/** `plexus`, from its build when the builds are fresh (half the CPU to start), else from source. */
export const PLEXUS =
  process.env.PLEXUS_HOSTS_FROM_BUILD === '1'
    ? [join(repo, 'packages', 'runner', 'bin', 'plexus.mjs')]
    : [...plexusNodeArgs(), join(repo, 'packages', 'runner', 'src', 'main.ts')];

/** A node agent, `plexus node`, as a process of its own in a temporary directory of its own. */
export async function startNodeAgent(
  url: string,
  name: string,
  extra: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<Started & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `plexus-node-${name}-`));
  const child = spawn(
    process.execPath,
    [...PLEXUS, 'node', '--nats', url, '--name', name, '--cwd', dir, ...extra],
    {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...env },
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c));
  child.stderr?.on('data', (c: Buffer) => (out += c));
  child.on('error', () => {});
  const stop = stopper(child, () => rmSync(dir, { recursive: true, force: true }));
  await waitFor(child, () => out, /plexus node \S+: up/);
  return { url, dir, child, output: () => out, stop };
}

/** A TCP proxy to a server: what goes through it can be cut, as a network partition would. */
export interface Proxy {
  readonly url: string;
  /** Drop every connection through it, and refuse new ones. */
  cut(): void;
}

export async function startProxy(url: string): Promise<Proxy> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  const stop = async () => {
    running.delete(stop);
    cut = true;
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  running.add(stop);
  return {
    url: `nats://127.0.0.1:${port}`,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** Whether process `pid` is still running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
