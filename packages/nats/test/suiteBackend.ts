/**
 * A NATS backend for a scenario suite: a server and node agents started before the file's tests
 * and stopped after them, and a backend to give `run()` now that forwards to the one made then.
 */
import { afterAll, beforeAll } from '@jest/globals';
import type { Backend } from '@plexus/core/backend';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

/** Start a server and node agents named `agents` for this file; the backend to run on them. */
export function suiteBackend(agents: readonly string[]): Backend {
  let nats: NatsBackend | undefined;
  beforeAll(async () => {
    const server = await startNatsServer();
    await Promise.all(agents.map((name) => startNodeAgent(server.url, name)));
    nats = await natsBackend({ nats: { servers: server.url } });
  }, 30_000);
  afterAll(async () => {
    await nats?.close();
    await stopAll();
  });
  return {
    name: 'nats',
    crossProcess: {
      network: true,
      channel: (send, receive) => nats!.crossProcess!.channel(send, receive),
      open: (spec) => nats!.crossProcess!.open(spec),
    },
    start: (plan, events) => nats!.start(plan, events),
  };
}
