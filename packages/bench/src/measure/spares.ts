/**
 * Spare threads and child processes (a unit's thread or child that ends leaves a fresh one for
 * the next unit) boot while the program goes on: wait for them between measurements, so that no
 * contender shares the cores with a spare's start-up.
 */
import { spareProcesses } from '@plexus/process';
import { spareWorkers } from '@plexus/worker';

/** Settles once every spare thread and child started so far is ready. */
export async function sparesSettled(): Promise<void> {
  await Promise.all([spareWorkers(), spareProcesses()]);
}
