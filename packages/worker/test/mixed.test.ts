/** The scenario suite again, with instances spread over the main thread and worker threads. */
import { scenarioSuite } from '@plexus/scenarios';
import { workerBackend } from '@plexus/worker';

// Alternate by name, so every scenario has links in every direction: inline → worker,
// worker → inline, worker → worker, inline → inline.
scenarioSuite({
  name: 'mixed: inline and worker threads',
  place: (name) => (name.startsWith('sink') || name.length % 2 === 0 ? {} : { backend: 'worker' }),
  runOptions: { backends: [workerBackend()] },
  mixed: true,
});
