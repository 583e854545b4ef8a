/** Where the tutorial's folders are. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Under jest this file is CommonJS (`__dirname`); run by Node it is an ES module.
const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** tutorials/miniaxon */
export const tutorialDir: string = resolve(here, '..');
/** The step pages and their specs. */
export const stepsDir: string = join(tutorialDir, 'steps');
/** The files the learner starts from. */
export const startersDir: string = join(tutorialDir, 'starters');
/** The answers. */
export const answersDir: string = join(tutorialDir, 'answers');
/** The learner's own files: `work/`, or `MINIAXON_WORK` (the tests use a scratch folder). */
export const workDir: string =
  process.env.MINIAXON_WORK === undefined || process.env.MINIAXON_WORK === ''
    ? join(tutorialDir, 'work')
    : resolve(process.env.MINIAXON_WORK);
/** The text the programs of steps 6–9 read. */
export const poemFile: string = join(tutorialDir, 'poem.txt');
/** The `plexus` command, as this package depends on it. */
export const plexusBin: string = join(
  tutorialDir,
  'node_modules',
  '@plexus',
  'runner',
  'bin',
  'plexus.mjs',
);
