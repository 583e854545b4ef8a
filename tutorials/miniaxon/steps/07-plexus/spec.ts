/** The checks for step 7: the same program on Plexus. */
import { runComponent } from '@plexus/core';
import {
  captureLog,
  defineStep,
  importFrom,
  ok,
  SHOUTED,
  same,
  show,
  withFile,
} from '../../tools/kit.ts';

type Module = typeof import('../../answers/plexus-shout.ts');

export default defineStep<Module>({
  number: 7,
  slug: '07-plexus',
  title: 'The same program on Plexus',
  files: ['plexus-shout.ts'],
  timeoutMs: 20_000,
  load: ({ dir }) => importFrom<Module>(dir, 'plexus-shout.ts'),
  checks: [
    {
      name: "ReadFile sends each line of the file at params.path that is not empty, on 'out'",
      async run({ ReadFile }) {
        const { out } = await withFile('one\n\ntwo\n', (path) =>
          runComponent(ReadFile, {}, { params: { path } }),
        );
        same(out, ['one', 'two'], "what ReadFile sent on 'out' for a file of 'one', '', 'two'");
      },
    },
    {
      name: "Upper sends each line it receives on 'in' in capitals, on 'out'",
      async run({ Upper }) {
        const { out } = await runComponent(Upper, { in: ['abc', 'Hello, World'] });
        same(out, ['ABC', 'HELLO, WORLD'], "what Upper sent on 'out'");
      },
    },
    {
      name: "Upper's inbox takes strings only: checked mode refuses a number",
      async run({ Upper }) {
        let thrown: unknown;
        try {
          await runComponent(Upper as never, { in: [42] } as never);
        } catch (error) {
          thrown = error;
        }
        ok(
          thrown instanceof Error && /schema/.test(thrown.message),
          `a number sent to Upper's 'in' should be refused (declare the box with z.string()), but ${thrown === undefined ? 'it was accepted' : `the error was ${String(thrown)}`}.`,
        );
      },
    },
    {
      name: "Print prints each line it receives on 'in'",
      async run({ Print }) {
        const { lines } = await captureLog(() => runComponent(Print, { in: ['one', 'two'] }));
        same(lines, ['one', 'two'], 'what Print printed');
      },
    },
    {
      name: 'shoutGraph(path) builds read (ReadFile) → upper (Upper) → print (Print)',
      run({ shoutGraph }, { poemFile }) {
        const stats = shoutGraph(poemFile).stats();
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
      name: 'running shoutGraph("poem.txt") prints the poem in capitals, and completes',
      async run({ shoutGraph }, { poemFile }) {
        const { lines, value } = await captureLog(() =>
          shoutGraph(poemFile).run({ checked: true }),
        );
        same(lines, SHOUTED, 'what it printed');
        ok(value.status === 'completed', `the run should complete, but it ended ${show(value)}.`);
      },
    },
  ],
  async demo({ shoutGraph }, { poemFile }) {
    await shoutGraph(poemFile).run();
  },
});
