/**
 * Step 2 — a scheduler. The exercise is in steps/02-scheduler/README.md.
 * Check your work with: pnpm tutorial check 2
 */
import { Microprocess } from './microprocess.ts';

export class Scheduler extends Microprocess {
  // TODO: a private list of the active microprocesses.

  /** Adds microprocesses to run. Added while the scheduler runs, they start next round. */
  activate(...microprocesses: Microprocess[]): void {
    throw new Error('TODO: step 2 — write Scheduler.activate()');
  }

  // TODO: make this an async generator. While any microprocess is active, run a round: give
  // each active one step, keep those that have more to do, and yield once after the round.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 2 — write Scheduler.main()');
  }

  /** Runs rounds until every microprocess has finished. */
  async run(): Promise<void> {
    // TODO: step this scheduler (it is a microprocess too) until step() resolves false.
    throw new Error('TODO: step 2 — write Scheduler.run()');
  }
}
