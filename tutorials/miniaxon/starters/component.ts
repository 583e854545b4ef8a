/**
 * Step 3 — components. The exercise is in steps/03-component/README.md.
 * Check your work with: pnpm tutorial check 3
 */
import { Microprocess } from './microprocess.ts';

export abstract class Component extends Microprocess {
  /** Every box, by name: a queue of messages, oldest first. */
  readonly boxes: Record<string, unknown[]> = { inbox: [], outbox: [] };

  /** Puts a message at the end of one of this component's own boxes (`outbox` unless named). */
  send(message: unknown, box = 'outbox'): void {
    throw new Error('TODO: step 3 — write Component.send()');
  }

  /** Takes the oldest message out of a box (`inbox` unless named). Throws if it is empty. */
  recv(box = 'inbox'): unknown {
    throw new Error('TODO: step 3 — write Component.recv()');
  }

  /** True when a box (`inbox` unless named) has a message waiting. */
  dataReady(box = 'inbox'): boolean {
    throw new Error('TODO: step 3 — write Component.dataReady()');
  }
}

/** Doubles every number waiting in its inbox, into its outbox. Runs forever. */
export class Doubler extends Component {
  // TODO: an async generator that loops forever: while data is ready, receive a number and
  // send it doubled; then yield.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 3 — write Doubler.main()');
  }
}
