/**
 * An ordered replica's bookkeeping: which numbered input it is handling, so every message it
 * sends is tagged with that number, and a "done" mark follows once it moves on — when it takes
 * its next input, waits for more, or finishes. The merge downstream releases outputs in input
 * order from these tags and marks. Assumes a replica finishes one input before it takes the
 * next, as a stateless transform does.
 */
import type { PortReader } from './PortReader.ts';
import type { PortSink } from './PortSink.ts';

export class Sequencer {
  /** The number tagged onto what is sent now (-1 before the first input). */
  seq = -1;
  private open = false;
  readonly outputs: PortSink[] = [];
  readonly inputs: PortReader[] = [];

  /** A numbered input was taken from `reader`. */
  took(reader: PortReader): void {
    const seq = reader.took();
    if (seq === undefined) return;
    this.settle();
    this.seq = seq;
    this.open = true;
  }

  /** The current input is handled (the replica waits for more, or moves on). */
  settle(): void {
    if (!this.open) return;
    this.open = false;
    for (const output of this.outputs) output.mark(this.seq);
  }

  /** The replica finished: its current input and every input it never took are done. */
  finish(): void {
    this.settle();
    for (const input of this.inputs) {
      for (const seq of input.queued()) for (const output of this.outputs) output.mark(seq);
    }
  }
}
