/** Step 5 — a producer, a consumer and a postman between them, on your own scheduler. */
import { Component } from './component.ts';
import { END, Postman } from './postman.ts';
import { Scheduler } from './scheduler.ts';

/** Sends each of its messages, one per step, then END. */
export class Producer extends Component {
  constructor(readonly messages: readonly unknown[]) {
    super();
  }

  override async *main(): AsyncGenerator<void> {
    for (const message of this.messages) {
      this.send(message);
      yield;
    }
    this.send(END);
  }
}

/** Prints `consumer got <message>` for each message it receives, and ends at END. */
export class Consumer extends Component {
  override async *main(): AsyncGenerator<void> {
    while (true) {
      while (this.dataReady()) {
        const message = this.recv();
        if (message === END) return;
        console.log(`consumer got ${String(message)}`);
      }
      yield;
    }
  }
}

/** Runs a Producer of `messages` into a Consumer, through a Postman, until both end. */
export async function producerConsumer(messages: readonly unknown[]): Promise<void> {
  const producer = new Producer(messages);
  const consumer = new Consumer();
  const scheduler = new Scheduler();
  scheduler.activate(producer, consumer, new Postman(producer, 'outbox', consumer, 'inbox'));
  await scheduler.run();
}
