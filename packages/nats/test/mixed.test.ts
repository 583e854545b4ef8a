/**
 * The scenario suite once more, spread over every backend in one graph: inline, worker
 * threads, child processes of the coordinator, and units on node agents over NATS.
 */
import { processBackend } from '@plexus/process';
import { scenarioSuite } from '@plexus/scenarios';
import { workerBackend } from '@plexus/worker';
import { suiteBackend } from './suiteBackend.ts';

const late = suiteBackend(['m1']);

// By the length of the name: every scenario gets links between most pairs of backends.
const backendOf = ['inline', 'worker', 'process', 'nats'] as const;

scenarioSuite({
  name: 'mixed: inline, worker threads, child processes and nats node agents',
  place: (name) => (name.startsWith('sink') ? {} : { backend: backendOf[name.length % 4]! }),
  runOptions: { backends: [workerBackend(), processBackend(), late] },
});
