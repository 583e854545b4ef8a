/** The backend-independent scenario suite, on the inline backend. */
import { scenarioSuite } from '@plexus/scenarios';

scenarioSuite({ name: 'inline', place: () => ({}) });
