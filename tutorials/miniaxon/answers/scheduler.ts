/** Step 2 — a scheduler: runs microprocesses in turn until every one has finished. */
import { Microprocess } from './microprocess.ts';

export class Scheduler extends Microprocess {
  #active: Microprocess[] = [];

  /** Adds microprocesses to run. Added while the scheduler runs, they start next round. */
  activate(...microprocesses: Microprocess[]): void {
    this.#active.push(...microprocesses);
  }

  /**
   * One round per step: each active microprocess runs one step, and those that have finished
   * are dropped. Returns when none is left.
   */
  override async *main(): AsyncGenerator<void> {
    while (this.#active.length > 0) {
      const round = this.#active;
      this.#active = [];
      for (const microprocess of round) {
        if (await microprocess.step()) this.#active.push(microprocess);
      }
      yield;
    }
  }

  /** Runs rounds until every microprocess has finished. */
  async run(): Promise<void> {
    while (await this.step()) {
      // one round per step
    }
  }
}
