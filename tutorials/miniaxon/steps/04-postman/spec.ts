/** The checks for step 4: the postman. */
import { captureLog, defineStep, importFrom, same, stepTimes } from '../../tools/kit.ts';

type Module = typeof import('../../answers/microprocess.ts') &
  typeof import('../../answers/scheduler.ts') &
  typeof import('../../answers/component.ts') &
  typeof import('../../answers/postman.ts');

/** A component that does nothing by itself: the checks fill and read its boxes by hand. */
function plain({ Component }: Module) {
  return class Plain extends Component {
    override async *main(): AsyncGenerator<void> {
      yield;
    }
  };
}

export default defineStep<Module>({
  number: 4,
  slug: '04-postman',
  title: 'A postman delivers messages',
  files: ['postman.ts'],
  async load({ dir }) {
    return {
      ...(await importFrom<typeof import('../../answers/microprocess.ts')>(dir, 'microprocess.ts')),
      ...(await importFrom<typeof import('../../answers/scheduler.ts')>(dir, 'scheduler.ts')),
      ...(await importFrom<typeof import('../../answers/component.ts')>(dir, 'component.ts')),
      ...(await importFrom<typeof import('../../answers/postman.ts')>(dir, 'postman.ts')),
    };
  },
  checks: [
    {
      name: "one step of a postman moves a message from the source's outbox to the sink's inbox",
      async run(m) {
        const Plain = plain(m);
        const [from, to] = [new Plain(), new Plain()];
        from.send('hello');
        await new m.Postman(from, 'outbox', to, 'inbox').step();
        same(to.boxes.inbox, ['hello'], "the sink's inbox");
        same(from.boxes.outbox, [], "the source's outbox (the message should have left it)");
      },
    },
    {
      name: 'it delivers every message waiting, in order, in one step',
      async run(m) {
        const Plain = plain(m);
        const [from, to] = [new Plain(), new Plain()];
        from.send(1);
        from.send(2);
        from.send(3);
        await new m.Postman(from, 'outbox', to, 'inbox').step();
        same(to.boxes.inbox, [1, 2, 3], "the sink's inbox after one step");
      },
    },
    {
      name: 'it uses the boxes it was given',
      async run(m) {
        const Plain = plain(m);
        const [from, to] = [new Plain(), new Plain()];
        from.boxes.signal = [];
        to.boxes.control = [];
        from.send('stop', 'signal');
        from.send('not me');
        await new m.Postman(from, 'signal', to, 'control').step();
        same(to.boxes.control, ['stop'], "the sink's control box");
        same(to.boxes.inbox, [], "the sink's inbox (nothing should arrive there)");
        same(from.boxes.outbox, ['not me'], "the source's outbox (it should be left alone)");
      },
    },
    {
      name: 'with nothing to deliver, it keeps waiting: step() resolves true',
      async run(m) {
        const Plain = plain(m);
        const [from, to] = [new Plain(), new Plain()];
        const postman = new m.Postman(from, 'outbox', to, 'inbox');
        same(await stepTimes(postman, 3), [true, true, true], 'what three steps resolved');
        from.send('late');
        await postman.step();
        same(to.boxes.inbox, ['late'], "the sink's inbox once a message was sent");
      },
    },
    {
      name: 'it delivers END like any message, and then ends: that step resolves false',
      async run(m) {
        const Plain = plain(m);
        const [from, to] = [new Plain(), new Plain()];
        from.send('last');
        from.send(m.END);
        const postman = new m.Postman(from, 'outbox', to, 'inbox');
        same(await postman.step(), false, 'what the step that delivered END resolved');
        same(to.boxes.inbox, ['last', m.END], "the sink's inbox");
      },
    },
    {
      name: 'it delivers nothing after END',
      async run(m) {
        const Plain = plain(m);
        const [from, to] = [new Plain(), new Plain()];
        from.send(m.END);
        from.send('too late');
        await stepTimes(new m.Postman(from, 'outbox', to, 'inbox'), 2);
        same(to.boxes.inbox, [m.END], "the sink's inbox");
        same(from.boxes.outbox, ['too late'], "the source's outbox");
      },
    },
    {
      name: 'on a scheduler, a postman carries messages between running components',
      async run(m) {
        class Numbers extends m.Component {
          override async *main(): AsyncGenerator<void> {
            for (const n of [1, 2, 3]) {
              this.send(n);
              yield;
            }
            this.send(m.END);
          }
        }
        class Show extends m.Component {
          override async *main(): AsyncGenerator<void> {
            while (true) {
              while (this.dataReady()) {
                const message = this.recv();
                if (message === m.END) return;
                console.log(`got ${String(message)}`);
              }
              yield;
            }
          }
        }
        const [numbers, show] = [new Numbers(), new Show()];
        const scheduler = new m.Scheduler();
        scheduler.activate(numbers, show, new m.Postman(numbers, 'outbox', show, 'inbox'));
        const { lines } = await captureLog(() => scheduler.run());
        same(lines, ['got 1', 'got 2', 'got 3'], 'what the receiving component printed');
      },
    },
  ],
  async demo({ Doubler, Postman }) {
    const first = new Doubler();
    const second = new Doubler();
    const postman = new Postman(first, 'outbox', second, 'inbox');
    first.boxes.inbox!.push(1, 2, 3);
    for (const microprocess of [first, postman, second]) await microprocess.step();
    console.log(second.boxes.outbox);
  },
});
