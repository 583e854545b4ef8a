/** The backend-independent scenario suite, with every component in a child process. */
import { processBackend } from '@plexus/process';
import { scenarioSuite } from '@plexus/scenarios';

scenarioSuite({
  name: 'in child processes',
  place: (name) => (name.startsWith('sink') ? {} : { backend: 'process' }),
  runOptions: { backends: [processBackend()] },
});
