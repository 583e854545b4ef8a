/** Every step of the tutorial, in order. */
import generators from '../steps/01-generators/spec.ts';
import scheduler from '../steps/02-scheduler/spec.ts';
import component from '../steps/03-component/spec.ts';
import postman from '../steps/04-postman/spec.ts';
import producerConsumer from '../steps/05-producer-consumer/spec.ts';
import realComponents from '../steps/06-real-components/spec.ts';
import plexus from '../steps/07-plexus/spec.ts';
import placement from '../steps/08-placement/spec.ts';
import graphFile from '../steps/09-graph-file/spec.ts';
import type { Step } from './kit.ts';

export const steps: readonly Step[] = [
  generators,
  scheduler,
  component,
  postman,
  producerConsumer,
  realComponents,
  plexus,
  placement,
  graphFile,
];

/**
 * The step a learner means: `3`, `03`, `03-component` or `component`. Undefined if none
 * matches.
 */
export function findStep(text: string): Step | undefined {
  const wanted = text.trim().toLowerCase();
  if (/^\d+$/.test(wanted)) return steps.find((step) => step.number === Number(wanted));
  return steps.find((step) => step.slug === wanted || step.slug.slice(3) === wanted);
}
