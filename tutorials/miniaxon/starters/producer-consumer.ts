/**
 * Step 5 — producer and consumer. The exercise is in steps/05-producer-consumer/README.md.
 * Check your work with: pnpm tutorial check 5
 */
import { Component } from './component.ts';
import { END, Postman } from './postman.ts';
import { Scheduler } from './scheduler.ts';

/** Sends each of its messages, one per step, then END. */
export class Producer extends Component {
  constructor(readonly messages: readonly unknown[]) {
    super();
  }

  // TODO: an async generator: send each message and yield after each; then send END.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 5 — write Producer.main()');
  }
}

/** Prints `consumer got <message>` for each message it receives, and ends at END. */
export class Consumer extends Component {
  // TODO: an async generator that loops: while data is ready, receive a message; at END,
  // return; otherwise print `consumer got ${String(message)}`. Then yield.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 5 — write Consumer.main()');
  }
}

/** Runs a Producer of `messages` into a Consumer, through a Postman, until both end. */
export async function producerConsumer(messages: readonly unknown[]): Promise<void> {
  // TODO: make the three, activate them on a new Scheduler, and await its run().
  throw new Error('TODO: step 5 — write producerConsumer()');
}
