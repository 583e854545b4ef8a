/** The checks for step 2: the scheduler. */
import { captureLog, defineStep, importFrom, ok, same } from '../../tools/kit.ts';

type Module = typeof import('../../answers/microprocess.ts') &
  typeof import('../../answers/scheduler.ts');

export default defineStep<Module>({
  number: 2,
  slug: '02-scheduler',
  title: 'A scheduler that takes turns',
  files: ['scheduler.ts'],
  async load({ dir }) {
    return {
      ...(await importFrom<typeof import('../../answers/microprocess.ts')>(dir, 'microprocess.ts')),
      ...(await importFrom<typeof import('../../answers/scheduler.ts')>(dir, 'scheduler.ts')),
    };
  },
  checks: [
    {
      name: 'run() runs one microprocess to its end',
      async run({ Counter, Scheduler }) {
        const scheduler = new Scheduler();
        scheduler.activate(new Counter('a', 3));
        const { lines } = await captureLog(() => scheduler.run());
        same(lines, ['a 1', 'a 2', 'a 3'], 'what it printed');
      },
    },
    {
      name: 'run() takes turns: Counters a (3), b (1) and c (2) print a 1, b 1, c 1, a 2, c 2, a 3',
      async run({ Counter, Scheduler }) {
        const scheduler = new Scheduler();
        scheduler.activate(new Counter('a', 3), new Counter('b', 1), new Counter('c', 2));
        const { lines } = await captureLog(() => scheduler.run());
        same(lines, ['a 1', 'b 1', 'c 1', 'a 2', 'c 2', 'a 3'], 'what it printed');
      },
    },
    {
      name: 'one step of the scheduler is one round: each active microprocess takes one step',
      async run({ Counter, Scheduler }) {
        const scheduler = new Scheduler();
        scheduler.activate(new Counter('a', 2), new Counter('b', 2));
        for (const expected of [
          ['a 1', 'b 1'],
          ['a 2', 'b 2'],
        ]) {
          const { lines, value } = await captureLog(() => scheduler.step());
          same(lines, expected, 'what one step of the scheduler printed');
          same(value, true, 'what that step resolved (there is more to do)');
        }
      },
    },
    {
      name: 'a microprocess that has finished is dropped: it is not stepped again',
      async run({ Microprocess, Scheduler }) {
        class TwoSteps extends Microprocess {
          steps = 0;
          override async step(): Promise<boolean> {
            this.steps++;
            return super.step();
          }
          override async *main(): AsyncGenerator<void> {
            yield;
            yield;
          }
        }
        const two = new TwoSteps();
        const scheduler = new Scheduler();
        scheduler.activate(two);
        await scheduler.run();
        same(
          two.steps,
          3,
          'how many times the scheduler called step() on a microprocess that yields twice (twice true, then false once)',
        );
      },
    },
    {
      name: 'with nothing activated, run() finishes at once',
      async run({ Scheduler }) {
        const { lines } = await captureLog(() => new Scheduler().run());
        same(lines, [], 'what it printed');
      },
    },
    {
      name: 'a microprocess activated while the scheduler runs starts in the next round',
      async run({ Counter, Microprocess, Scheduler }) {
        const scheduler = new Scheduler();
        class Starter extends Microprocess {
          override async *main(): AsyncGenerator<void> {
            console.log('starter');
            scheduler.activate(new Counter('late', 2));
            yield;
          }
        }
        scheduler.activate(new Starter());
        const first = await captureLog(() => scheduler.step());
        same(first.lines, ['starter'], 'what the first round printed (late joins next round)');
        const rest = await captureLog(() => scheduler.run());
        same(rest.lines, ['late 1', 'late 2'], 'what the rounds after it printed');
      },
    },
    {
      name: 'an error thrown inside a microprocess comes out of run()',
      async run({ Microprocess, Scheduler }) {
        class Fails extends Microprocess {
          override async *main(): AsyncGenerator<void> {
            yield;
            throw new RangeError('boom');
          }
        }
        const scheduler = new Scheduler();
        scheduler.activate(new Fails());
        let thrown: unknown;
        try {
          await scheduler.run();
        } catch (error) {
          thrown = error;
        }
        ok(
          thrown instanceof RangeError && thrown.message === 'boom',
          `run() should reject with the RangeError the microprocess threw, but ${thrown === undefined ? 'it resolved' : `it rejected with ${String(thrown)}`}.`,
        );
      },
    },
    {
      name: 'a Scheduler is itself a microprocess: one scheduler can run another',
      async run({ Counter, Microprocess, Scheduler }) {
        const inner = new Scheduler();
        inner.activate(new Counter('in', 2));
        ok(inner instanceof Microprocess, 'Scheduler should extend Microprocess.');
        const outer = new Scheduler();
        outer.activate(inner, new Counter('out', 2));
        const { lines } = await captureLog(() => outer.run());
        same(lines, ['in 1', 'out 1', 'in 2', 'out 2'], 'what the outer scheduler printed');
      },
    },
  ],
  async demo({ Counter, Scheduler }) {
    const scheduler = new Scheduler();
    scheduler.activate(new Counter('a', 3), new Counter('b', 1), new Counter('c', 2));
    await scheduler.run();
  },
});
