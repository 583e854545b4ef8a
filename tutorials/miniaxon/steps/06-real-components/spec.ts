/** The checks for step 6: read a file, upper-case it, print it — on your own core. */
import { captureLog, defineStep, importFrom, same, withFile } from '../../tools/kit.ts';

type Module = typeof import('../../answers/component.ts') &
  typeof import('../../answers/postman.ts') &
  typeof import('../../answers/shout.ts');

export default defineStep<Module>({
  number: 6,
  slug: '06-real-components',
  title: 'Real components: read a file, upper-case, print',
  files: ['shout.ts'],
  async load({ dir }) {
    return {
      ...(await importFrom<typeof import('../../answers/component.ts')>(dir, 'component.ts')),
      ...(await importFrom<typeof import('../../answers/postman.ts')>(dir, 'postman.ts')),
      ...(await importFrom<typeof import('../../answers/shout.ts')>(dir, 'shout.ts')),
    };
  },
  checks: [
    {
      name: 'ReadFile sends each line that is not empty, one per step, then END',
      async run({ END, ReadFile }) {
        await withFile('one\n\ntwo\n', async (path) => {
          const read = new ReadFile(path);
          same(await read.step(), true, 'what its first step resolved');
          same(read.boxes.outbox, ['one'], 'its outbox after one step');
          same(await read.step(), true, 'what its second step resolved');
          same(read.boxes.outbox, ['one', 'two'], 'its outbox after two steps');
          same(await read.step(), false, 'what its third step resolved (it should finish)');
          same(read.boxes.outbox, ['one', 'two', END], 'its outbox at the end');
        });
      },
    },
    {
      name: 'Upper sends every line waiting in capitals',
      async run({ Upper }) {
        const upper = new Upper();
        upper.boxes.inbox!.push('abc', 'Hello, World');
        same(await upper.step(), true, 'what its step resolved (it should keep going)');
        same(upper.boxes.outbox, ['ABC', 'HELLO, WORLD'], 'its outbox');
      },
    },
    {
      name: 'Upper passes END on, and then ends',
      async run({ END, Upper }) {
        const upper = new Upper();
        upper.boxes.inbox!.push('x', END);
        same(await upper.step(), false, 'what the step that received END resolved');
        same(upper.boxes.outbox, ['X', END], 'its outbox');
      },
    },
    {
      name: 'Print prints every line waiting, and ends at END',
      async run({ END, Print }) {
        const print = new Print();
        print.boxes.inbox!.push('one', 'two');
        const first = await captureLog(() => print.step());
        same(first.lines, ['one', 'two'], 'what one step printed');
        same(first.value, true, 'what that step resolved (it should keep going)');
        print.boxes.inbox!.push(END);
        const last = await captureLog(() => print.step());
        same(last.lines, [], 'what the step that received END printed');
        same(last.value, false, 'what that step resolved');
      },
    },
    {
      name: "pipeline(a, b, c) makes two postmen: a's outbox → b's inbox, b's outbox → c's inbox",
      async run({ Component, pipeline }) {
        class Plain extends Component {
          override async *main(): AsyncGenerator<void> {
            yield;
          }
        }
        const [a, b, c] = [new Plain(), new Plain(), new Plain()];
        const postmen = pipeline(a, b, c);
        same(postmen.length, 2, 'how many postmen pipeline(a, b, c) made');
        a.send('from a');
        b.send('from b');
        for (const postman of postmen) await postman.step();
        same(b.boxes.inbox, ['from a'], "b's inbox after each postman took a step");
        same(c.boxes.inbox, ['from b'], "c's inbox after each postman took a step");
        same(pipeline(a).length, 0, 'how many postmen pipeline(a) made');
      },
    },
    {
      name: 'shout(path) prints the file in capitals, and finishes',
      async run({ shout }, { poemFile }) {
        const { lines } = await captureLog(() => shout(poemFile));
        same(
          lines,
          ['SMALL PROGRAMS', 'THAT ONLY TALK THROUGH BOXES', 'CAN RUN ANYWHERE'],
          'what shout("poem.txt") printed',
        );
      },
    },
    {
      name: 'shout(path) of an empty file prints nothing, and finishes',
      async run({ shout }) {
        const { lines } = await withFile('', (path) => captureLog(() => shout(path)));
        same(lines, [], 'what it printed');
      },
    },
  ],
  async demo({ shout }, { poemFile }) {
    await shout(poemFile);
  },
});
