/** The checks for step 1: microprocesses. */
import { captureLog, defineStep, importFrom, ok, same, stepTimes } from '../../tools/kit.ts';

type Module = typeof import('../../answers/microprocess.ts');

export default defineStep<Module>({
  number: 1,
  slug: '01-generators',
  title: 'Microprocesses: generators that take turns',
  files: ['microprocess.ts'],
  load: ({ dir }) => importFrom<Module>(dir, 'microprocess.ts'),
  checks: [
    {
      name: 'creating a Counter, or calling its main(), runs none of its code yet',
      async run({ Counter }) {
        const { lines } = await captureLog(() => {
          new Counter('a', 2).main();
        });
        same(lines, [], 'what new Counter(...).main() printed');
      },
    },
    {
      name: 'Counter.main() is an async generator: each next() runs it up to its next yield',
      async run({ Counter }) {
        const running = new Counter('a', 2).main();
        ok(
          typeof running?.next === 'function' && Symbol.asyncIterator in running,
          'main() should return an async generator: declare it `override async *main()`.',
        );
        for (const expected of [['a 1'], ['a 2']]) {
          const { lines, value } = await captureLog(() => running.next());
          same(lines, expected, 'what one next() printed');
          same(value.done, false, 'done, after a next() that reached a yield');
        }
        const { lines, value } = await captureLog(() => running.next());
        same(lines, [], 'what the last next() printed');
        same(value.done, true, 'done, once main() has returned');
      },
    },
    {
      name: 'step() runs main() up to its next yield: new Counter("a", 3) prints one line per step',
      async run({ Counter }) {
        const counter = new Counter('a', 3);
        for (let n = 1; n <= 3; n++) {
          const { lines, value } = await captureLog(() => counter.step());
          same(lines, [`a ${n}`], `what step ${n} printed`);
          same(value, true, `what step ${n} resolved (there is more to do)`);
        }
      },
    },
    {
      name: 'step() resolves false once main() has returned, and keeps resolving false',
      async run({ Counter }) {
        const { lines, value } = await captureLog(() => stepTimes(new Counter('a', 1), 4));
        same(value, [true, false, false, false], 'what four steps of new Counter("a", 1) resolved');
        same(lines, ['a 1'], 'what they printed');
      },
    },
    {
      name: 'new Counter("z", 0) prints nothing, and its first step resolves false',
      async run({ Counter }) {
        const { lines, value } = await captureLog(() => new Counter('z', 0).step());
        same(value, false, 'what its first step resolved');
        same(lines, [], 'what it printed');
      },
    },
    {
      name: 'two Counters stepped in turn take turns: a 1, b 1, a 2, b 2, b 3',
      async run({ Counter }) {
        const a = new Counter('a', 2);
        const b = new Counter('b', 3);
        const { lines } = await captureLog(async () => {
          for (let i = 0; i < 3; i++) {
            await a.step();
            await b.step();
          }
        });
        same(lines, ['a 1', 'b 1', 'a 2', 'b 2', 'b 3'], 'what they printed');
      },
    },
    {
      name: 'step() works for any subclass of Microprocess, and calls its main() only once',
      async run({ Microprocess }) {
        class Three extends Microprocess {
          mains = 0;
          steps = 0;
          override async *main(): AsyncGenerator<void> {
            this.mains++;
            for (let i = 0; i < 3; i++) {
              this.steps++;
              yield;
            }
          }
        }
        const three = new Three();
        same(await stepTimes(three, 4), [true, true, true, false], 'what four steps resolved');
        same(three.steps, 3, 'how far main() got');
        same(three.mains, 1, 'how many times main() was called');
      },
    },
    {
      name: 'an error thrown inside main() comes out of step()',
      async run({ Microprocess }) {
        class Fails extends Microprocess {
          override async *main(): AsyncGenerator<void> {
            yield;
            throw new RangeError('boom');
          }
        }
        const fails = new Fails();
        same(await fails.step(), true, 'what the first step resolved');
        let thrown: unknown;
        try {
          await fails.step();
        } catch (error) {
          thrown = error;
        }
        ok(
          thrown instanceof RangeError && thrown.message === 'boom',
          `the second step should reject with the RangeError main() threw, but ${thrown === undefined ? 'it did not reject' : `it rejected with ${String(thrown)}`}.`,
        );
      },
    },
  ],
  async demo({ Counter }) {
    const a = new Counter('a', 3);
    const b = new Counter('b', 2);
    let more = true;
    while (more) {
      const aMore = await a.step();
      const bMore = await b.step();
      more = aMore || bMore;
    }
  },
});
