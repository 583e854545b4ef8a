/** The backend-independent scenario suite, every component (but the collectors) on node agents. */
import { scenarioSuite } from '@plexus/scenarios';
import { suiteBackend } from './suiteBackend.ts';

const late = suiteBackend(['s1', 's2']);

scenarioSuite({
  name: 'on nats node agents',
  place: (name) => (name.startsWith('sink') ? {} : { backend: 'nats' }),
  runOptions: { backends: [late] },
});
