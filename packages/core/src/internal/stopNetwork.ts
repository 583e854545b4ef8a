/**
 * Stopping a network: gracefully (its sources stop and the rest drains), hard (every component
 * stops now), and, past the stop timeout, abandoning what still runs (its threads and processes
 * terminated).
 */
import { DEFAULT_DRAIN_TIMEOUT } from '../defaults.ts';
import { Errors } from '../errors.ts';
import type { StopOptions } from '../stopOptions.ts';
import type { ComponentRun } from './ComponentRun.ts';
import type { Net } from './Net.ts';
import { DONE, HALTING } from './netLife.ts';

/** Stop `net` as `options` say; resolves once its run has settled. */
export function stopNetwork(net: Net, options: StopOptions): Promise<void> {
  const life = net.life;
  if (life.kind === 'building') {
    net.enter(DONE);
    return Promise.resolve();
  }
  if (life.kind === 'starting') {
    net.enter({ kind: 'starting', stopEarly: true });
    net.stopRequested = true;
  }
  if (net.state === 'running' && net.error === undefined) {
    net.stopRequested = true;
    if (options.graceful === true) {
      const error = Errors.stopped(`Graph '${net.name}'`, 'stop');
      for (const run of net.leaves()) {
        if (run.unit !== undefined) continue;
        run.beginDrain(error);
        if (isSource(run) && run.definition.gracefulStop !== 'drain') run.halt('stop', error);
      }
      for (const unit of net.units) unit.stop(true);
      arm(net, options.timeout ?? DEFAULT_DRAIN_TIMEOUT, () => haltAll(net, 'stop'));
    } else {
      haltAll(net, 'stop');
    }
  }
  return (net.done ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );
}

/** Stop every running instance and unit; abandon what still runs after the stop timeout. */
export function haltAll(net: Net, reason: string): void {
  if (net.life.kind === 'running') net.enter(HALTING);
  const error = Errors.stopped(`Graph '${net.name}'`, reason);
  for (const run of net.leaves()) if (run.unit === undefined) run.halt(reason, error);
  for (const unit of net.units) unit.stop(false);
  arm(net, net.stopTimeout, () => abandon(net));
}

/**
 * Give up on components that have not stopped (`stuck`, by default every one still running):
 * they end as stopped (`unresponsive`), and units still running are terminated. Unless the run
 * has already failed, it fails with `ERR_STOP_TIMEOUT` naming them.
 */
export function abandon(
  net: Net,
  stuck = net
    .leaves()
    .filter((run) => run.state === 'running' || (run.unit !== undefined && run.state === 'idle')),
): void {
  if (stuck.length === 0) return;
  net.error ??= Errors.stopTimeout(
    net.name,
    net.stopTimeout,
    stuck.map((r) => `'${r.name}' (${r.type})`).join(', '),
  );
  for (const run of stuck) {
    if (run.unit !== undefined) continue;
    run.reason = 'unresponsive';
    run.finish(undefined);
  }
  for (const unit of net.units) if (!unit.settled) void unit.terminate();
}

/** Run `then` in `ms`, instead of what was armed before. */
function arm(net: Net, ms: number, then: () => void): void {
  if (net.timer !== undefined) clearTimeout(net.timer);
  net.timer = setTimeout(() => {
    net.timer = undefined;
    then();
  }, ms);
}

/**
 * A source, for a graceful stop: nothing was ever linked into it. A component whose inputs
 * have ended is not one: it is draining, or sending its last results, and is left to finish.
 */
function isSource(run: ComponentRun): boolean {
  for (const box in run.inboxes) if (run.inboxes[box]!.linked) return false;
  return true;
}
