/** The backend-independent scenario suite, every component (but the collectors) on node agents. */
import { afterAll, beforeAll } from '@jest/globals';
import type { Backend } from '@plexus/core/backend';
import { type NatsBackend, natsBackend } from '@plexus/nats';
import { scenarioSuite } from '@plexus/scenarios';
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
  await Promise.all([startNodeAgent(server.url, 's1'), startNodeAgent(server.url, 's2')]);
  nats = await natsBackend({ nats: { servers: server.url } });
}, 30_000);

afterAll(async () => {
  await nats?.close();
  await stopAll();
});

scenarioSuite({
  name: 'on nats node agents',
  place: (name) => (name.startsWith('sink') ? {} : { backend: 'nats' }),
  runOptions: { backends: [late] },
});
