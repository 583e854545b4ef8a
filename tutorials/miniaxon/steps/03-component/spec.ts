/** The checks for step 3: components with inboxes and outboxes. */
import { defineStep, importFrom, ok, same, stepTimes } from '../../tools/kit.ts';

type Module = typeof import('../../answers/microprocess.ts') &
  typeof import('../../answers/component.ts');

/** Runs `act`, which should throw; fails unless the error's message contains `word`. */
function throwsNaming(act: () => unknown, word: string, what: string): void {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  ok(thrown !== undefined, `${what} should throw an Error, but it did not.`);
  ok(
    thrown instanceof Error && thrown.message.includes(word),
    `${what} should throw an Error whose message names '${word}', but it threw ${String(thrown)}.`,
  );
}

export default defineStep<Module>({
  number: 3,
  slug: '03-component',
  title: 'A component: a microprocess with boxes',
  files: ['component.ts'],
  async load({ dir }) {
    return {
      ...(await importFrom<typeof import('../../answers/microprocess.ts')>(dir, 'microprocess.ts')),
      ...(await importFrom<typeof import('../../answers/component.ts')>(dir, 'component.ts')),
    };
  },
  checks: [
    {
      name: 'a new component has two empty boxes: inbox and outbox',
      run({ Doubler }) {
        same(new Doubler().boxes, { inbox: [], outbox: [] }, 'the boxes of a new Doubler');
      },
    },
    {
      name: 'send(message) puts the message at the end of its own outbox',
      run({ Doubler }) {
        const component = new Doubler();
        component.send('a');
        component.send('b');
        same(
          component.boxes,
          { inbox: [], outbox: ['a', 'b'] },
          "the boxes after send('a'), send('b')",
        );
      },
    },
    {
      name: 'recv() takes the oldest message out of its inbox',
      run({ Doubler }) {
        const component = new Doubler();
        component.boxes.inbox!.push('first', 'second');
        same(component.recv(), 'first', 'the first recv()');
        same(component.recv(), 'second', 'the second recv()');
        same(component.boxes.inbox, [], 'the inbox afterwards');
      },
    },
    {
      name: 'dataReady() says whether a message is waiting in its inbox',
      run({ Doubler }) {
        const component = new Doubler();
        same(component.dataReady(), false, 'dataReady() of an empty inbox');
        component.boxes.inbox!.push('x');
        same(component.dataReady(), true, 'dataReady() with one message waiting');
        component.recv();
        same(component.dataReady(), false, 'dataReady() once it has been received');
      },
    },
    {
      name: 'send, recv and dataReady work on any box, by name',
      run({ Doubler }) {
        const component = new Doubler();
        component.boxes.control = [];
        component.send('stop', 'control');
        same(component.boxes.control, ['stop'], "the control box after send('stop', 'control')");
        same(component.boxes.outbox, [], 'the outbox (it should not have changed)');
        same(component.dataReady('control'), true, "dataReady('control')");
        same(component.recv('control'), 'stop', "recv('control')");
        same(component.dataReady('control'), false, "dataReady('control') afterwards");
      },
    },
    {
      name: 'recv() on an empty box throws an Error that names the box',
      run({ Doubler }) {
        const component = new Doubler();
        throwsNaming(() => component.recv(), 'inbox', 'recv() on an empty inbox');
        throwsNaming(() => component.recv('outbox'), 'outbox', "recv('outbox') on an empty outbox");
      },
    },
    {
      name: 'using a box the component does not have throws an Error that names it',
      run({ Doubler }) {
        const component = new Doubler();
        throwsNaming(() => component.send(1, 'outbx'), 'outbx', "send(1, 'outbx')");
        throwsNaming(() => component.recv('inbx'), 'inbx', "recv('inbx')");
        throwsNaming(() => component.dataReady('nobox'), 'nobox', "dataReady('nobox')");
      },
    },
    {
      name: 'Doubler doubles every number waiting in its inbox, all in one step',
      async run({ Doubler }) {
        const doubler = new Doubler();
        doubler.boxes.inbox!.push(1, 2, 3);
        same(await doubler.step(), true, 'what its step resolved (it runs forever)');
        same(doubler.boxes, { inbox: [], outbox: [2, 4, 6] }, 'its boxes after one step');
      },
    },
    {
      name: 'Doubler keeps running while its inbox is empty, and doubles what arrives later',
      async run({ Doubler }) {
        const doubler = new Doubler();
        same(await stepTimes(doubler, 3), [true, true, true], 'what three steps resolved');
        same(doubler.boxes.outbox, [], 'its outbox after steps with nothing to do');
        doubler.boxes.inbox!.push(5);
        await doubler.step();
        same(doubler.boxes.outbox, [10], 'its outbox once 5 arrived');
      },
    },
    {
      name: 'a Component is a Microprocess',
      run({ Doubler, Microprocess }) {
        ok(new Doubler() instanceof Microprocess, 'Component should extend Microprocess.');
      },
    },
  ],
  async demo({ Doubler }) {
    const doubler = new Doubler();
    doubler.boxes.inbox!.push(1, 2, 3); // by hand, for now
    await doubler.step();
    console.log(doubler.boxes.outbox);
    console.log(doubler.dataReady('outbox'), doubler.recv('outbox'));
  },
});
