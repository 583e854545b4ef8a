/**
 * Runs one step's checks and reports each outcome to the `tutorial` command over IPC. It runs
 * in a child process so that code stuck in a loop can be stopped from outside.
 * Arguments: <step number> <folder of the files under test> <index of the first check>.
 */
import { contextFor, runChecks } from './kit.ts';
import { steps } from './steps.ts';

// Stack traces point into the learner's TypeScript, not the JavaScript it compiled to.
process.setSourceMapsEnabled(true);

const [number, dir, from] = process.argv.slice(2);
const step = steps.find((s) => s.number === Number(number));
const send = (message: unknown) =>
  new Promise<void>((resolve) => {
    process.send?.(message, () => resolve());
  });

if (step === undefined || dir === undefined) {
  await send({ type: 'load', problem: `there is no step ${number}` });
} else {
  const result = await runChecks(step, contextFor(dir), {
    from: Number(from ?? 0),
    // Each outcome is on its way before the next check starts, in case that one gets stuck.
    onOutcome: (outcome, index) => send({ type: 'outcome', index, outcome }),
  });
  if (result.loadProblem !== undefined) await send({ type: 'load', problem: result.loadProblem });
}
await send({ type: 'done' });
process.exit(0);
