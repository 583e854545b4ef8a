/**
 * The tutorial checks itself: every step's spec passes against its answer and fails against
 * its starter (so no spec is vacuous), every page shows the output its answer prints, and the
 * `tutorial` command checks, runs answers and stops stuck code.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { liveProcesses } from '@plexus/process';
import { liveWorkers } from '@plexus/worker';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { captureLog, contextFor, runChecks, runNode } from '../tools/kit.ts';
import { answersDir, startersDir, stepsDir, tutorialDir } from '../tools/paths.ts';
import { steps } from '../tools/steps.ts';

afterAll(() => {
  expect(liveWorkers()).toBe(0);
  expect(liveProcesses()).toBe(0);
});

describe.each(steps.map((step) => [step.number, step] as const))('step %i', (_, step) => {
  test('every check passes against the answer', async () => {
    const result = await runChecks(step, contextFor(answersDir));
    expect(result.loadProblem).toBeUndefined();
    expect(result.outcomes.filter((outcome) => !outcome.passed)).toEqual([]);
    expect(result.outcomes).toHaveLength(step.checks.length);
  });

  test('the starter fails its checks', async () => {
    const { value: result } = await captureLog(() => runChecks(step, contextFor(startersDir)));
    const failed = result.outcomes.filter((outcome) => !outcome.passed);
    expect(result.loadProblem !== undefined || failed.length > 0).toBe(true);
  });

  test('its page shows what the answer prints', async () => {
    const context = contextFor(answersDir);
    const { lines } = await captureLog(async () => step.demo(await step.load(context), context));
    const page = readFileSync(join(stepsDir, step.slug, 'README.md'), 'utf8');
    expect(lines.length).toBeGreaterThan(0);
    expect(page).toContain(`\`\`\`\n${lines.join('\n')}\n\`\`\``);
  });

  test('its page links its starter, its answer (hidden) and the command that checks it', () => {
    const page = readFileSync(join(stepsDir, step.slug, 'README.md'), 'utf8');
    for (const file of step.files) {
      expect(page).toContain(`](../../starters/${file})`);
      expect(page).toContain(`](../../answers/${file})`);
    }
    expect(page).toContain('<details>');
    expect(page).toContain(`npm run tutorial check ${step.number}`);
  });

  test('the answer inside its page is the answer file, word for word', () => {
    const page = readFileSync(join(stepsDir, step.slug, 'README.md'), 'utf8');
    const [before, after] = page.split('<details>');
    expect(after).toBeDefined();
    for (const file of step.files) {
      const language = file.endsWith('.yaml') ? 'yaml' : 'ts';
      const answer = readFileSync(join(answersDir, file), 'utf8');
      expect(after!.split('</details>')[0]).toContain(`\`\`\`${language}\n${answer}\`\`\``);
      expect(before).not.toContain(answer);
    }
  });
});

describe('the tutorial command', () => {
  const work = mkdtempSync(join(tmpdir(), 'miniaxon-work-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const tutorial = (...args: string[]) =>
    runNode(
      [...plexusNodeArgs(), join(tutorialDir, 'tools', 'tutorial.ts'), ...args],
      tutorialDir,
      { env: { ...process.env, MINIAXON_WORK: work } },
    );

  test('check makes the file from the starter, says in plain words what fails, and exits 1', async () => {
    const ran = await tutorial('check', '2');
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('microprocess.ts: copied the answer there');
    expect(ran.stdout).toMatch(/Made .*scheduler\.ts from the starter/);
    expect(ran.stdout).toContain('✗ run() runs one microprocess to its end');
    expect(ran.stdout).toContain('your code threw Error: TODO: step 2');
    expect(ran.stdout).toContain(`0 of ${steps[1]!.checks.length} checks pass`);
    expect(readFileSync(join(work, 'scheduler.ts'), 'utf8')).toBe(
      readFileSync(join(startersDir, 'scheduler.ts'), 'utf8'),
    );
  });

  test('check passes a correct file, runs it, and exits 0', async () => {
    copyFileSync(join(answersDir, 'scheduler.ts'), join(work, 'scheduler.ts'));
    const ran = await tutorial('check', 'scheduler');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('✓ run() runs one microprocess to its end');
    expect(ran.stdout).toContain(`All ${steps[1]!.checks.length} checks pass.`);
    expect(ran.stdout).toContain('a 1\nb 1\nc 1\na 2\nc 2\na 3\n');
    expect(ran.stdout).toContain('Next: step 3');
  });

  test('check stops a loop that never yields, and goes on with the next check', async () => {
    const stuck = readFileSync(join(answersDir, 'microprocess.ts'), 'utf8').replace(
      'for (let n = 1;',
      'while (this.count === 0) {}\n    for (let n = 1;',
    );
    writeFileSync(join(work, 'microprocess.ts'), stuck);
    const ran = await tutorial('check', '1');
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(
      /✗ new Counter\("z", 0\) prints nothing[^\n]*\n\s+it did not finish within \d+ s/,
    );
    expect(ran.stdout).toContain('✓ two Counters stepped in turn take turns');
    expect(ran.stdout).toContain(`${steps[0]!.checks.length - 1} of ${steps[0]!.checks.length}`);
  }, 30_000);

  test('answer runs the answer', async () => {
    const ran = await tutorial('answer', '3');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('[ 2, 4, 6 ]\ntrue 2\n');
  });

  test('an unknown step or command is explained', async () => {
    const step = await tutorial('check', '12');
    expect(step.code).toBe(2);
    expect(step.stderr).toContain("There is no step '12'. The steps are 1 to 9");
    const command = await tutorial('chek', '1');
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("There is no command 'chek'.");
  });
});
