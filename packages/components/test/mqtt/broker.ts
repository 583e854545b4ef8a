/**
 * MQTT brokers for the tests: the machine's Mosquitto on 127.0.0.1:1883, and, for tests that
 * stop and restart a broker, a Mosquitto of their own on a free port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import mqtt from 'mqtt';

export const SHARED = 'mqtt://127.0.0.1:1883';

let topics = 0;
/** A topic prefix no other test (or run) uses. */
export function prefix(): string {
  return `plexus-test/${process.pid}-${Date.now()}-${++topics}`;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Mosquitto of this test's own on `port`; resolves once it accepts connections. */
export async function startBroker(port: number, dir: string): Promise<ChildProcess> {
  const config = join(dir, `mosquitto-${port}.conf`);
  writeFileSync(config, `listener ${port} 127.0.0.1\nallow_anonymous true\n`);
  const broker = spawn('/usr/sbin/mosquitto', ['-c', config], { stdio: 'ignore' });
  broker.on('error', () => {});
  for (let i = 0; i < 200; i++) {
    if (await canConnect(port)) return broker;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  broker.kill('SIGKILL');
  throw new Error(`mosquitto did not start on port ${port}`);
}

/** Stop a broker and wait for it to be gone. */
export function stopBroker(broker: ChildProcess): Promise<void> {
  if (broker.exitCode !== null || broker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    broker.once('exit', () => resolve());
    broker.kill('SIGKILL');
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      reconnectPeriod: 0,
      connectTimeout: 500,
    });
    client.on('connect', () => {
      client.end(true);
      resolve(true);
    });
    client.on('error', () => {
      client.end(true);
      resolve(false);
    });
  });
}

/** Publish with a plain client, then disconnect. */
export async function publish(
  url: string,
  messages: { topic: string; payload: string; retain?: boolean; qos?: 0 | 1 | 2 }[],
): Promise<void> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  for (const m of messages)
    await client.publishAsync(m.topic, m.payload, { qos: m.qos ?? 1, retain: m.retain ?? false });
  await client.endAsync();
}
