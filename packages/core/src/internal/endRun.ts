/**
 * How a component instance ends: stopped (a stop, a restart, a broken pipe), failed from outside
 * its body, or finished — its body returned or threw — when its boxes close and the network is
 * told. A failure that fails the graph stops the other components before this one's links end.
 */
import { Errors, isPlexusError, type PlexusError } from '../errors.ts';
import { describeFailure } from './describeFailure.ts';
import type { Run, RunRestart } from './Run.ts';
import { yieldPoint } from './scheduler.ts';

/**
 * Stop this instance: its signal aborts and its pending and future sends and waits throw
 * `error` (a graph-wide stop shares one error; building one per instance is costly).
 */
export function haltRun(run: Run, reason: string, error?: Error): void {
  if (run.restart !== undefined) {
    // Stopped while waiting to be restarted (finish it now), or while being stopped for a
    // restart (it finishes as stopped when its body ends).
    run.restart.leave(run);
    run.restart = undefined;
    run.reason = reason;
    if (run.parked) {
      run.parked = false;
      run.halted = true;
      run.finish(undefined);
    }
    return;
  }
  if (run.halted || run.state === 'ended' || run.state === 'failed' || run.state === 'stopped')
    return;
  run.halted = true;
  run.slow = true;
  run.reason = reason;
  if (run.unit !== undefined) return;
  if (error !== undefined) run.stopReason = error;
  interruptRun(run, run.stopError());
  if (run.state === 'idle' && run.net.state !== 'building') run.start();
}

/** Abort its signal, and make its pending and later sends and waits throw `error`. */
function interruptRun(run: Run, error: Error): void {
  run.halted = true;
  run.slow = true;
  run.stopReason = error;
  run.controller?.abort(error);
  for (const box in run.inboxes) run.inboxes[box]!.interrupt(error);
  for (const box in run.outboxes) run.outboxes[box]!.interrupt(error);
}

/**
 * Fail it from outside its body: its pending and later sends and waits throw `error`, and it
 * fails with it. If it has already finished, the graph fails with it.
 */
export function faultRun(run: Run, error: Error): void {
  if (run.faulted !== undefined) return;
  if (run.state === 'ended' || run.state === 'stopped' || run.state === 'failed') {
    run.net.failWith(describeFailure(run, error));
    return;
  }
  run.faulted = error;
  run.restart?.leave(run);
  run.restart = undefined;
  interruptRun(run, error);
  if (run.parked) {
    run.parked = false;
    run.finish(undefined);
  }
}

/** Stop the body for a restart: its boxes and links stay as they are. */
export function stopForRestart(run: Run, restart: RunRestart): void {
  run.restart = restart;
  if (run.parked || run.halted) return;
  interruptRun(run, Errors.stopped(`Component '${run.name}'`, 'restart'));
}

/**
 * The body returned (`error` undefined) or threw. Close the boxes and report. A failure that
 * fails the graph stops every other component first, and ends this one's links without an
 * end of stream (as does any component once the graph is stopping hard): downstream never
 * sees its input end normally, so it cannot take a partial result for a whole one.
 */
export function finishRun(run: Run, error: unknown): void {
  if (run.state === 'ended' || run.state === 'stopped' || run.state === 'failed') return;
  let failure: Error | undefined;
  if (run.restart === undefined && !run.halted && error !== undefined) {
    failure = describeFailure(run, error);
    const supervisor = run.net.supervisorOf(run);
    if (supervisor !== undefined) failure = supervisor.crashed(run, failure as PlexusError);
  }
  if (run.restart !== undefined) {
    run.parked = true;
    yieldPoint();
    run.restart.parked(run);
    return;
  }
  if (run.faulted !== undefined) failure = describeFailure(run, run.faulted);
  else if (
    error === undefined ||
    (run.halted &&
      (error === run.stopReason ||
        isPlexusError(error, 'ERR_STOPPED') ||
        (error as Error)?.name === 'AbortError'))
  )
    failure = undefined;
  else failure ??= describeFailure(run, error);
  if (failure !== undefined) {
    run.state = 'failed';
    run.net.failWith(failure);
  }
  run.slow = true;
  run.sequencer?.finish();
  const abort = run.net.aborting;
  for (const box in run.outboxes) run.outboxes[box]!.finish(abort);
  for (const box in run.inboxes) run.inboxes[box]!.finish();
  // A message it had sent could not cross when its link was flushed at the close.
  if (failure === undefined && run.faulted !== undefined) {
    failure = describeFailure(run, run.faulted);
    run.net.failWith(failure);
  }
  run.state = failure !== undefined ? 'failed' : run.halted ? 'stopped' : 'ended';
  yieldPoint();
  run.net.settled(run, failure);
}
