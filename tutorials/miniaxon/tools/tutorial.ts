/**
 * The tutorial's command:
 *
 *   npm run tutorial                 the steps, and how far you are
 *   npm run tutorial check <step>    checks your file for that step, in plain words
 *   npm run tutorial run <step>      runs your version of the step's program
 *   npm run tutorial answer <step>   runs the answer's version
 *
 * Your files live in work/ (made from the starters the first time you check a step).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { styleText } from 'node:util';
import { contextFor, describeFailure, type Outcome, STUCK_HINT, type Step } from './kit.ts';
import { answersDir, startersDir, stepsDir, workDir } from './paths.ts';
import { findStep, steps } from './steps.ts';

// Stack traces point into your TypeScript, not the JavaScript it compiled to.
process.setSourceMapsEnabled(true);

const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const paint = (style: 'green' | 'red' | 'dim' | 'bold', text: string) =>
  color ? styleText(style, text) : text;

/** A path as the learner would type it from where they are. */
const shown = (path: string) => relative(process.cwd(), path) || '.';

const USAGE = `Usage: npm run tutorial <command> [step]

  npm run tutorial                 the steps, and which of your files exist
  npm run tutorial check <step>    check your file for a step (made from the starter the first time)
  npm run tutorial run <step>      run your version of the step's program
  npm run tutorial answer <step>   run the answer's version

A step is its number (3) or its name (component).`;

async function main(argv: string[]): Promise<number> {
  const [command = 'list', stepText, ...extra] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'list') return list();
  if (!['check', 'run', 'answer'].includes(command)) {
    console.error(`There is no command '${command}'.\n\n${USAGE}`);
    return 2;
  }
  if (stepText === undefined || extra.length > 0) {
    console.error(`'${command}' takes one step: e.g. npm run tutorial ${command} 3\n\n${USAGE}`);
    return 2;
  }
  const step = findStep(stepText);
  if (step === undefined) {
    console.error(
      `There is no step '${stepText}'. The steps are 1 to ${steps.length}; npm run tutorial lists them.`,
    );
    return 2;
  }
  if (command === 'check') return check(step);
  if (command === 'run') return run(step);
  return answer(step);
}

function list(): number {
  console.log(
    paint('bold', 'MiniAxon in TypeScript — build a tiny core, then graduate to Plexus\n'),
  );
  for (const step of steps) {
    const file = join(workDir, step.files[0]!);
    const mark = existsSync(file) ? `you have ${shown(file)}` : paint('dim', 'not started');
    console.log(`  ${step.number}. ${step.title}`);
    console.log(`     ${paint('dim', shown(join(stepsDir, step.slug, 'README.md')))}  ${mark}`);
  }
  const next = steps.find((step) => !existsSync(join(workDir, step.files[0]!)));
  if (next === undefined) {
    console.log('\nYou have a file for every step. npm run tutorial check <step> checks one.');
  } else {
    const how = `read its page, then ${paint('bold', `npm run tutorial check ${next.number}`)}`;
    console.log(`\n${next.number === 1 ? 'Start' : 'Carry on'} with step ${next.number}: ${how}.`);
  }
  return 0;
}

/** Makes sure work/ has the files a step needs, saying what it made. */
function prepare(step: Step): void {
  mkdirSync(workDir, { recursive: true });
  for (const earlier of steps.filter((s) => s.number < step.number)) {
    for (const file of earlier.files) {
      const target = join(workDir, file);
      if (existsSync(target)) continue;
      copyFileSync(join(answersDir, file), target);
      console.log(
        paint(
          'dim',
          `(Step ${step.number} builds on step ${earlier.number}, and you had no ${shown(target)}: copied the answer there.)`,
        ),
      );
    }
  }
  for (const file of step.files) {
    const target = join(workDir, file);
    if (existsSync(target)) continue;
    copyFileSync(join(startersDir, file), target);
    console.log(
      `Made ${paint('bold', shown(target))} from the starter. Open it and follow the exercise in ${shown(join(stepsDir, step.slug, 'README.md'))}.\n`,
    );
  }
}

async function check(step: Step): Promise<number> {
  prepare(step);
  const file = join(workDir, step.files[0]!);
  console.log(paint('bold', `Step ${step.number}: ${step.title} — checking ${shown(file)}`));
  const outcomes = await checkInChild(step, (outcome) => {
    const mark = outcome.passed ? paint('green', '✓') : paint('red', '✗');
    console.log(`  ${mark} ${outcome.name}`);
    if (outcome.problem !== undefined) {
      console.log(paint('red', outcome.problem.replace(/^/gm, '      ')));
    }
  });
  if (outcomes === undefined) {
    console.log(`\nFix that, and check again: npm run tutorial check ${step.number}`);
    return 1;
  }
  const passed = outcomes.filter((o) => o.passed).length;
  if (passed < step.checks.length) {
    console.log(
      `\n${passed} of ${step.checks.length} checks pass. Change ${shown(file)} and check again: npm run tutorial check ${step.number}`,
    );
    if (step.number > 1) {
      console.log(
        paint(
          'dim',
          `This step also uses your files from earlier steps; npm run tutorial check <step> checks each of them.`,
        ),
      );
    }
    console.log(
      paint(
        'dim',
        `Stuck? The answer is ${shown(join(answersDir, step.files[0]!))}; npm run tutorial answer ${step.number} runs it.`,
      ),
    );
    return 1;
  }
  console.log(paint('green', `\nAll ${passed} checks pass.`));
  console.log(
    `\nYour program, as the page's discussion runs it (npm run tutorial run ${step.number}):\n`,
  );
  const status = await demo(step, workDir);
  const next = steps.find((s) => s.number === step.number + 1);
  console.log(
    next === undefined
      ? '\nThat was the last step. Well done!'
      : `\nNext: step ${next.number}, ${shown(join(stepsDir, next.slug, 'README.md'))}`,
  );
  return status;
}

/**
 * Runs the checks in a child process, restarting it past any check that gets stuck (a loop
 * that never yields blocks the whole process, so only a watchdog outside can stop it).
 * Resolves undefined if the files could not be loaded.
 */
async function checkInChild(
  step: Step,
  report: (outcome: Outcome) => void,
): Promise<Outcome[] | undefined> {
  const entry = fileURLToPath(new URL('check-child.ts', import.meta.url));
  const outcomes: Outcome[] = [];
  const limitMs = (step.timeoutMs ?? 3000) + 2000;
  let next = 0;
  while (next < step.checks.length) {
    const ended = await new Promise<{ loadProblem?: string; stuck: boolean; exit?: string }>(
      (resolve) => {
        const child: ChildProcess = fork(entry, [String(step.number), workDir, String(next)], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        let settled = false;
        const finish = (result: { loadProblem?: string; stuck: boolean; exit?: string }) => {
          if (settled) return;
          settled = true;
          clearTimeout(watchdog);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          resolve(result);
        };
        let watchdog = setTimeout(() => finish({ stuck: true }), limitMs);
        child.on(
          'message',
          (message: { type: string; index?: number; outcome?: Outcome; problem?: string }) => {
            if (message.type === 'outcome' && message.outcome !== undefined) {
              outcomes.push(message.outcome);
              report(message.outcome);
              next = (message.index ?? next) + 1;
              clearTimeout(watchdog);
              watchdog = setTimeout(() => finish({ stuck: true }), limitMs);
            } else if (message.type === 'load') {
              finish({ loadProblem: message.problem ?? 'it could not be loaded', stuck: false });
            } else if (message.type === 'done') {
              finish({ stuck: false });
            }
          },
        );
        child.on('exit', (code, signal) => {
          finish({ stuck: false, exit: signal ?? `code ${code}` });
        });
      },
    );
    if (ended.loadProblem !== undefined) {
      console.log(paint('red', `  ✗ ${shown(join(workDir, step.files[0]!))} could not be loaded:`));
      console.log(paint('red', ended.loadProblem.replace(/^/gm, '      ')));
      return undefined;
    }
    if (ended.stuck || ended.exit !== undefined) {
      const check = step.checks[next];
      if (check === undefined) break;
      const problem = ended.stuck
        ? `it did not finish within ${(limitMs / 1000).toFixed(0)} s, and had to be stopped. ${STUCK_HINT}`
        : `the program ended (${ended.exit}) while this check ran.`;
      const outcome = { name: check.name, passed: false, problem };
      outcomes.push(outcome);
      report(outcome);
      next++;
    }
  }
  return outcomes;
}

async function run(step: Step): Promise<number> {
  const missing = step.files.filter((file) => !existsSync(join(workDir, file)));
  if (missing.length > 0) {
    console.error(
      `You have no ${missing.map((file) => shown(join(workDir, file))).join(', ')} yet: npm run tutorial check ${step.number} makes it from the starter.`,
    );
    return 1;
  }
  return demo(step, workDir);
}

async function answer(step: Step): Promise<number> {
  console.log(
    paint(
      'dim',
      `The answer to step ${step.number} (${step.files.map((file) => shown(join(answersDir, file))).join(', ')}) prints:\n`,
    ),
  );
  return demo(step, answersDir);
}

/** Runs the step's program against the files in `dir`. */
async function demo(step: Step, dir: string): Promise<number> {
  const context = contextFor(dir);
  try {
    await step.demo(await step.load(context), context);
    return 0;
  } catch (error) {
    console.error(paint('red', `\nThe program failed: ${describeFailure(error, dir)}`));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
