/** The backend-independent scenario suite and the components it uses. */
export { collector } from './collector.ts';
export type { ScenarioTarget } from './ScenarioTarget.ts';
export { scenarioSuite } from './scenarioSuite.ts';
export { sourceFrame } from './sourceFrame.ts';
