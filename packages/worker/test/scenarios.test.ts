/** The backend-independent scenario suite, with every component on a worker thread. */
import { scenarioSuite } from '@plexus/scenarios';
import { workerBackend } from '@plexus/worker';

scenarioSuite({
  name: 'on worker threads',
  place: (name) => (name.startsWith('sink') ? {} : { backend: 'worker' }),
  runOptions: { backends: [workerBackend()] },
});
