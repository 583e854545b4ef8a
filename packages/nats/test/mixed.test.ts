/**
 * The scenario suite once more, spread over every backend in one graph: inline, worker
 * threads, child processes of the coordinator, and units on node agents over NATS.
 */
import { afterAll, beforeAll } from '@jest/globals';
import type { Backend } from '@plexus/core/backend';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { processBackend } from '@plexus/process';
import { scenarioSuite } from '@plexus/scenarios';
import { workerBackend } from '@plexus/worker';
import { startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

let nats: NatsBackend | undefined;
/** Given to run() before the backend exists; each call goes to the backend made in beforeAll. */
const late: Backend = {
  name: 'nats',
  crossProcess: {
    network: true,
    channel: (send, receive) => nats!.crossProcess!.channel(send, receive),
    open: (spec) => nats!.crossProcess!.open(spec),
  },
  start: (plan, events) => nats!.start(plan, events),
};

beforeAll(async () => {
  const server = await startNatsServer();
  await startNodeAgent(server.url, 'm1');
  nats = await natsBackend({ nats: { servers: server.url } });
}, 30_000);

afterAll(async () => {
  await nats?.close();
  await stopAll();
});

// By the length of the name: every scenario gets links between most pairs of backends.
const backendOf = ['inline', 'worker', 'process', 'nats'] as const;

scenarioSuite({
  name: 'mixed: inline, worker threads, child processes and nats node agents',
  place: (name) => (name.startsWith('sink') ? {} : { backend: backendOf[name.length % 4]! }),
  runOptions: { backends: [workerBackend(), processBackend(), late] },
});
