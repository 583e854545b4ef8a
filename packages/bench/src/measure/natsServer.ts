/** A nats-server of the benchmark's own (JetStream on, a free loopback port, a temporary directory). */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchNatsServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Start one, or resolve `undefined` when nats-server is not installed. */
export async function startNatsServer(): Promise<BenchNatsServer | undefined> {
  const binary = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find(existsSync);
  if (binary === undefined) return undefined;
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'plexus-bench-nats-'));
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  child.stderr.on('data', (chunk: Buffer) => (said += chunk));
  while (!said.includes('Server is ready')) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${said}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
