/** The checks for step 8: one component in a worker thread, one in a child process. */
import { liveProcesses } from '@plexus/process';
import { liveWorkers } from '@plexus/worker';
import { captureLog, defineStep, importFrom, ok, SHOUTED, same, show } from '../../tools/kit.ts';

type Module = typeof import('../../answers/plexus-placed.ts');

/** Where placedGraph puts each component: `{ read: 'process', … }`. */
function placement({ placedGraph }: Module, poemFile: string): Record<string, string> {
  return Object.fromEntries(
    placedGraph(poemFile)
      .stats()
      .components.map((c) => [c.name, c.backend]),
  );
}

export default defineStep<Module>({
  number: 8,
  slug: '08-placement',
  title: 'A worker thread and a child process, one word each',
  files: ['plexus-placed.ts'],
  timeoutMs: 30_000,
  load: ({ dir }) => importFrom<Module>(dir, 'plexus-placed.ts'),
  checks: [
    {
      name: 'placedGraph(path) builds read → upper → print, as shoutGraph did',
      run({ placedGraph }, { poemFile }) {
        const stats = placedGraph(poemFile).stats();
        same(
          stats.components.map((c) => `${c.name} (${c.type})`),
          ['read (ReadFile)', 'upper (Upper)', 'print (Print)'],
          'its components',
        );
        same(
          stats.links.map((l) => `${l.from} → ${l.to}`),
          ['read.out → upper.in', 'upper.out → print.in'],
          'its links',
        );
      },
    },
    {
      name: "read runs in a child process: { backend: 'process' }",
      run(module, { poemFile }) {
        same(placement(module, poemFile).read, 'process', "read's backend");
      },
    },
    {
      name: "upper runs in a worker thread: { backend: 'worker' }",
      run(module, { poemFile }) {
        same(placement(module, poemFile).upper, 'worker', "upper's backend");
      },
    },
    {
      name: 'print stays on the main thread (inline)',
      run(module, { poemFile }) {
        same(placement(module, poemFile).print, 'inline', "print's backend");
      },
    },
    {
      name: 'running it prints the poem in capitals, as in step 7, and leaves no thread or process behind',
      async run({ placedGraph }, { poemFile }) {
        const { lines, value } = await captureLog(() =>
          placedGraph(poemFile).run({ checked: true }),
        );
        same(lines, SHOUTED, 'what it printed');
        ok(value.status === 'completed', `the run should complete, but it ended ${show(value)}.`);
        same(liveWorkers(), 0, 'worker threads still alive after the run');
        same(liveProcesses(), 0, 'child processes still alive after the run');
      },
    },
  ],
  async demo({ placedGraph }, { poemFile }) {
    const g = placedGraph(poemFile);
    await g.run();
    for (const { name, backend } of g.stats().components) console.log(`${name}: ${backend}`);
  },
});
