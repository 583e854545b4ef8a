/** The checks for step 5: producer → consumer on your own core. */
import { captureLog, defineStep, importFrom, same, stepTimes } from '../../tools/kit.ts';

type Module = typeof import('../../answers/microprocess.ts') &
  typeof import('../../answers/scheduler.ts') &
  typeof import('../../answers/postman.ts') &
  typeof import('../../answers/producer-consumer.ts');

export default defineStep<Module>({
  number: 5,
  slug: '05-producer-consumer',
  title: 'Producer → consumer, on your own core',
  files: ['producer-consumer.ts'],
  async load({ dir }) {
    return {
      ...(await importFrom<typeof import('../../answers/microprocess.ts')>(dir, 'microprocess.ts')),
      ...(await importFrom<typeof import('../../answers/scheduler.ts')>(dir, 'scheduler.ts')),
      ...(await importFrom<typeof import('../../answers/postman.ts')>(dir, 'postman.ts')),
      ...(await importFrom<typeof import('../../answers/producer-consumer.ts')>(
        dir,
        'producer-consumer.ts',
      )),
    };
  },
  checks: [
    {
      name: 'Producer sends one message per step, then END, and finishes',
      async run({ END, Producer }) {
        const producer = new Producer(['a', 'b']);
        same(await producer.step(), true, 'what its first step resolved');
        same(producer.boxes.outbox, ['a'], 'its outbox after one step');
        same(await producer.step(), true, 'what its second step resolved');
        same(producer.boxes.outbox, ['a', 'b'], 'its outbox after two steps');
        same(await producer.step(), false, 'what its third step resolved (it should finish)');
        same(producer.boxes.outbox, ['a', 'b', END], 'its outbox at the end');
      },
    },
    {
      name: 'a Producer of no messages sends END on its first step and finishes',
      async run({ END, Producer }) {
        const producer = new Producer([]);
        same(await producer.step(), false, 'what its first step resolved');
        same(producer.boxes.outbox, [END], 'its outbox');
      },
    },
    {
      name: 'Consumer prints "consumer got <message>" for every message waiting',
      async run({ Consumer }) {
        const consumer = new Consumer();
        consumer.boxes.inbox!.push('hello', 42);
        const { lines, value } = await captureLog(() => consumer.step());
        same(lines, ['consumer got hello', 'consumer got 42'], 'what one step printed');
        same(value, true, 'what that step resolved (it should keep going)');
      },
    },
    {
      name: 'Consumer keeps waiting while its inbox is empty',
      async run({ Consumer }) {
        const { lines, value } = await captureLog(() => stepTimes(new Consumer(), 3));
        same(value, [true, true, true], 'what three steps with an empty inbox resolved');
        same(lines, [], 'what they printed');
      },
    },
    {
      name: 'Consumer ends at END, without printing it',
      async run({ Consumer, END }) {
        const consumer = new Consumer();
        consumer.boxes.inbox!.push('last', END);
        const { lines, value } = await captureLog(() => consumer.step());
        same(lines, ['consumer got last'], 'what it printed');
        same(value, false, 'what the step that received END resolved');
      },
    },
    {
      name: 'producerConsumer(["hello", "world"]) prints both, in order, and finishes',
      async run({ producerConsumer }) {
        const { lines } = await captureLog(() => producerConsumer(['hello', 'world']));
        same(lines, ['consumer got hello', 'consumer got world'], 'what it printed');
      },
    },
    {
      name: 'producerConsumer delivers 100 messages in order, and none when given none',
      async run({ producerConsumer }) {
        const numbers = Array.from({ length: 100 }, (_, i) => i);
        const many = await captureLog(() => producerConsumer(numbers));
        same(
          many.lines,
          numbers.map((n) => `consumer got ${n}`),
          'what producerConsumer(0 … 99) printed',
        );
        const none = await captureLog(() => producerConsumer([]));
        same(none.lines, [], 'what producerConsumer([]) printed');
      },
    },
  ],
  async demo({ Consumer, Counter, Postman, Producer, Scheduler }) {
    const producer = new Producer(['hello', 'world']);
    const consumer = new Consumer();
    const scheduler = new Scheduler();
    scheduler.activate(
      producer,
      consumer,
      new Postman(producer, 'outbox', consumer, 'inbox'),
      new Counter('tick', 3),
    );
    await scheduler.run();
  },
});
