/** The checks for step 9: the graph as a file, run and drawn by the `plexus` command. */
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Context, defineStep, ok, type Ran, runNode, SHOUTED, same } from '../../tools/kit.ts';

interface Module {
  /** The graph file, tutorial.graph.yaml. */
  readonly file: string;
}

/** Runs `plexus <args>` in the tutorial's folder. */
function plexus(context: Context, ...args: string[]): Promise<Ran> {
  return runNode([context.plexusBin, ...args], context.tutorialDir);
}

/** Fails unless the command exited 0, quoting what it said. */
function succeeded(ran: Ran, command: string): void {
  ok(
    ran.code === 0,
    `\`${command}\` exited with code ${ran.code}. It said:\n${(ran.stderr || ran.stdout).trim()}`,
  );
}

/** The output lines, without the empty last one. */
function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

export default defineStep<Module>({
  number: 9,
  slug: '09-graph-file',
  title: 'The graph as a file: plexus run, plexus draw',
  files: ['tutorial.graph.yaml'],
  timeoutMs: 60_000,
  async load({ dir }) {
    const file = join(dir, 'tutorial.graph.yaml');
    await access(file);
    return { file };
  },
  checks: [
    {
      name: '`plexus check` finds nothing wrong with the file',
      async run({ file }, context) {
        succeeded(await plexus(context, 'check', file), 'plexus check tutorial.graph.yaml');
      },
    },
    {
      name: '`plexus run` prints the poem in capitals',
      async run({ file }, context) {
        const ran = await plexus(context, 'run', file);
        succeeded(ran, 'plexus run tutorial.graph.yaml');
        same(linesOf(ran.stdout), SHOUTED, 'what `plexus run` printed');
      },
    },
    {
      name: '`plexus draw -o shout.mmd` draws read → upper → print, read on process and upper on worker',
      async run({ file }, context) {
        const dir = await mkdtemp(join(tmpdir(), 'miniaxon-'));
        try {
          const output = join(dir, 'shout.mmd');
          succeeded(await plexus(context, 'draw', file, '-o', output), 'plexus draw -o shout.mmd');
          const drawing = await readFile(output, 'utf8');
          const nodes = (name: string) =>
            drawing.split('\n').find((line) => line.trim().startsWith(`n_${name}[`)) ?? '';
          for (const [name, type, backend] of [
            ['read', 'ReadFile', 'process'],
            ['upper', 'Upper', 'worker'],
            ['print', 'Print', 'inline'],
          ] as const) {
            ok(
              nodes(name).includes(`${type} (${backend})`),
              `the drawing should show '${name}' as ${type} (${backend}); it shows: ${nodes(name).trim() || 'no such node'}.`,
            );
          }
          const arrows = drawing.split('\n').filter((line) => line.includes('-->'));
          for (const [from, to] of [
            ['read', 'upper'],
            ['upper', 'print'],
          ]) {
            ok(
              arrows.some(
                (line) => line.trim().startsWith(`n_${from} `) && line.includes(`n_${to}`),
              ),
              `the drawing should have an arrow from '${from}' to '${to}'; its arrows are:\n${arrows.join('\n')}`,
            );
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    },
    {
      name: '`plexus run --backend inline` prints the same: placement is one word on the command line too',
      async run({ file }, context) {
        const ran = await plexus(context, 'run', file, '--backend', 'inline');
        succeeded(ran, 'plexus run tutorial.graph.yaml --backend inline');
        same(linesOf(ran.stdout), SHOUTED, 'what `plexus run --backend inline` printed');
      },
    },
  ],
  async demo({ file }, context) {
    const name = basename(file);
    console.log(`$ plexus run ${name}`);
    const ran = await plexus(context, 'run', file);
    succeeded(ran, `plexus run ${name}`);
    console.log(ran.stdout.trimEnd());
    const dir = await mkdtemp(join(tmpdir(), 'miniaxon-'));
    try {
      const output = join(dir, 'shout.mmd');
      const drew = await plexus(context, 'draw', file, '-o', output);
      succeeded(drew, `plexus draw ${name} -o shout.mmd`);
      console.log(`\n$ plexus draw ${name} -o shout.mmd && cat shout.mmd`);
      console.log((await readFile(output, 'utf8')).trimEnd());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});
