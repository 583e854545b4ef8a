/**
 * The transitions of a component instance's life ({@link RunLife}), each a guard on the phase
 * it is in, the phase it enters, then the effects: stopped (a stop, a broken pipe, a failed
 * graph), failed from outside its body, stopped for a restart, and finished — its body returned
 * or threw — when its boxes close and the network is told. A failure that fails the graph stops
 * the other components before this one's links end.
 */
import { Errors, isPlexusError, type PlexusError } from '../errors.ts';
import { describeFailure } from './describeFailure.ts';
import type { Run } from './Run.ts';
import {
  isOver,
  over,
  RUNNING,
  type RunRestart,
  restartOf,
  STOPPED_EARLY,
  STOPPING,
} from './runLife.ts';
import { yieldPoint } from './scheduler.ts';

/**
 * Stop this instance: its signal aborts and its pending and future sends and waits throw
 * `error` (a graph-wide stop shares one error; building one per instance is costly).
 */
export function haltRun(run: Run, reason: string, error?: Error): void {
  const life = run.life;
  if (life.kind === 'restarting' || life.kind === 'parked') {
    // Stopped while waiting to be restarted (it finishes now), or while being stopped for a
    // restart (it finishes as stopped when its body ends).
    life.restart.leave(run);
    run.reason = reason;
    run.enter(life.halted || life.kind === 'parked' ? STOPPING : RUNNING);
    if (life.kind === 'parked') run.finish(undefined);
    return;
  }
  if (life.halted || isOver(life)) return;
  run.enter(life.kind === 'idle' ? STOPPED_EARLY : STOPPING);
  run.reason = reason;
  if (run.unit !== undefined) return;
  if (error !== undefined) run.stopReason = error;
  interruptRun(run, run.stopError());
  if (life.kind === 'idle' && run.net.state !== 'building') run.start();
}

/**
 * Fail it from outside its body: its pending and later sends and waits throw `error`, and it
 * fails with it. If it has already finished, the graph fails with it.
 */
export function faultRun(run: Run, error: Error): void {
  const life = run.life;
  if (life.kind === 'faulting') return;
  if (isOver(life)) {
    run.net.failWith(describeFailure(run, error));
    return;
  }
  restartOf(life)?.leave(run);
  const started = life.kind !== 'idle' && (life.kind !== 'stopping' || life.started);
  run.enter({ kind: 'faulting', halted: true, started, error });
  interruptRun(run, error);
  if (life.kind === 'parked') run.finish(undefined);
}

/**
 * Take it into `restart` (its body runs, or is being stopped or parked for another restart):
 * stop its body for it, leaving its boxes and links as they are. The one that crashed
 * (`crashed`) has already ended its body and is only recorded.
 */
export function stopForRestart(run: Run, restart: RunRestart, crashed: boolean): void {
  const life = run.life;
  restartOf(life)?.leave(run);
  if (life.kind === 'parked') {
    run.enter({ ...life, restart });
    return;
  }
  const stoppedWaiting = life.kind === 'restarting' && life.stoppedWaiting;
  const halted = life.halted || !crashed;
  run.enter({ kind: 'restarting', halted, restart, stoppedWaiting });
  if (!life.halted && !crashed)
    interruptRun(run, Errors.stopped(`Component '${run.name}'`, 'restart'));
}

/** Abort its signal, and make its pending and later sends and waits throw `error`. */
function interruptRun(run: Run, error: Error): void {
  run.stopReason = error;
  run.controller?.abort(error);
  for (const box in run.inboxes) run.inboxes[box]!.interrupt(error);
  for (const box in run.outboxes) run.outboxes[box]!.interrupt(error);
}

/**
 * The body returned (`error` undefined) or threw. Close the boxes and report. A failure that
 * fails the graph stops every other component first, and ends this one's links without an
 * end of stream (as does any component once the graph is stopping hard): downstream never
 * sees its input end normally, so it cannot take a partial result for a whole one.
 */
export function finishRun(run: Run, error: unknown): void {
  if (isOver(run.life)) return;
  let failure: Error | undefined;
  if (run.life.kind === 'running' && error !== undefined) {
    failure = describeFailure(run, error);
    const supervisor = run.net.supervisorOf(run);
    if (supervisor !== undefined) failure = supervisor.crashed(run, failure as PlexusError);
  }
  // Its supervisor may have taken it into a restart, or stopped it, meanwhile.
  const life = run.life;
  if (life.kind === 'restarting' || life.kind === 'parked') {
    run.enter({ ...life, kind: 'parked' });
    yieldPoint();
    life.restart.parked(run);
    return;
  }
  if (life.kind === 'faulting') failure = describeFailure(run, life.error);
  else if (error === undefined || (life.halted && isStopError(run, error))) failure = undefined;
  else failure ??= describeFailure(run, error);
  if (failure !== undefined) {
    run.enter(over('failed', life.halted));
    run.net.failWith(failure);
  }
  run.sequencer?.finish();
  const abort = run.net.aborting;
  for (const box in run.outboxes) run.outboxes[box]!.finish(abort);
  for (const box in run.inboxes) run.inboxes[box]!.finish();
  // A message it had sent could not cross when its link was flushed at the close.
  const closed = run.life;
  if (failure === undefined && closed.kind === 'faulting') {
    failure = describeFailure(run, closed.error);
    run.net.failWith(failure);
  }
  run.enter(
    over(failure !== undefined ? 'failed' : closed.halted ? 'stopped' : 'ended', closed.halted),
  );
  yieldPoint();
  run.net.settled(run, failure);
}

/** What a halted body throws as it ends: its stop error, or an abort. */
function isStopError(run: Run, error: unknown): boolean {
  return (
    error === run.stopReason ||
    isPlexusError(error, 'ERR_STOPPED') ||
    (error as Error)?.name === 'AbortError'
  );
}
