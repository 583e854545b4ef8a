/** The scenario suite once more, spread over all three backends in one graph. */
import { processBackend } from '@plexus/process';
import { scenarioSuite } from '@plexus/scenarios';
import { workerBackend } from '@plexus/worker';

// By the length of the name: every scenario gets links between every pair of backends.
const backendOf = ['inline', 'worker', 'process'] as const;

scenarioSuite({
  name: 'mixed: inline, worker threads and child processes',
  place: (name) => (name.startsWith('sink') ? {} : { backend: backendOf[name.length % 3]! }),
  runOptions: { backends: [workerBackend(), processBackend()] },
  mixed: true,
});
