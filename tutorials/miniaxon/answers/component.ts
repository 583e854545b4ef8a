/** Step 3 — a component: a microprocess that talks only through its own boxes. */
import { Microprocess } from './microprocess.ts';

export abstract class Component extends Microprocess {
  /** Every box, by name: a queue of messages, oldest first. */
  readonly boxes: Record<string, unknown[]> = { inbox: [], outbox: [] };

  /** Puts a message at the end of one of this component's own boxes (`outbox` unless named). */
  send(message: unknown, box = 'outbox'): void {
    this.#box(box).push(message);
  }

  /** Takes the oldest message out of a box (`inbox` unless named). Throws if it is empty. */
  recv(box = 'inbox'): unknown {
    const queue = this.#box(box);
    if (queue.length === 0) {
      throw new Error(`recv('${box}') found the box empty; check dataReady('${box}') first.`);
    }
    return queue.shift();
  }

  /** True when a box (`inbox` unless named) has a message waiting. */
  dataReady(box = 'inbox'): boolean {
    return this.#box(box).length > 0;
  }

  #box(name: string): unknown[] {
    const queue = this.boxes[name];
    if (queue === undefined) {
      const names = Object.keys(this.boxes).join(', ');
      throw new Error(`This component has no box '${name}'. Its boxes are: ${names}.`);
    }
    return queue;
  }
}

/** Doubles every number waiting in its inbox, into its outbox. Runs forever. */
export class Doubler extends Component {
  override async *main(): AsyncGenerator<void> {
    while (true) {
      while (this.dataReady()) this.send(2 * (this.recv() as number));
      yield;
    }
  }
}
