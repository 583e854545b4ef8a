/**
 * What a component instance is doing, for `stats()`, events and the deadlock watch: its state,
 * why it stopped, and the box its body is blocked on, if any.
 */
import type { ComponentInfo } from '../types.ts';
import type { Run } from './Run.ts';
import { restartOf } from './runLife.ts';

/** The instance as `stats()` and events report it. */
export function runInfo(run: Run): ComponentInfo {
  const info: { -readonly [K in keyof ComponentInfo]: ComponentInfo[K] } = {
    name: run.name,
    type: run.type,
    backend: run.backend,
    state: run.state,
  };
  if (run.reason !== undefined) info.reason = run.reason;
  if (run.restarts > 0) info.restarts = run.restarts;
  if (restartOf(run.life) !== undefined) info.restarting = true;
  const where = run.unit?.where ?? run.net.where;
  if (where !== undefined) info.where = where;
  if (run.state === 'running' && run.unit === undefined) {
    const waiting = stuckOn(run);
    if (waiting !== undefined) info.waiting = waiting;
    const until = waitsUntil(run);
    if (until !== undefined) info.until = until;
  }
  return info;
}

/** The box its body is blocked on, if it is blocked on one: `inbox 'in'`, `outbox 'out'`. */
export function waitingOn(run: Run): string | undefined {
  if (run.life.kind === 'parked') return undefined;
  for (const box in run.inboxes) {
    const inbox = run.inboxes[box]!;
    if (inbox.resolve === null) continue;
    if (inbox.waits?.selecting === true)
      return `inbox '${box}' for a message that matches (${inbox.size} queued, none matching)`;
    return `inbox '${box}'`;
  }
  for (const box in run.outboxes) if (run.outboxes[box]!.blocked) return `outbox '${box}'`;
  return undefined;
}

/** How recently a wait on ended inboxes must have been for the component to count as stuck on them. */
const LATELY_MS = 100;

/**
 * What it is stuck on, if anything: the box its body is blocked on, or the inboxes it keeps
 * waiting on after they ended (`inbox 'in', which has ended`; its last such wait was lately).
 */
export function stuckOn(run: Run): string | undefined {
  const waiting = waitingOn(run);
  if (waiting !== undefined || run.endedWait === undefined) return waiting;
  return Date.now() - run.endedWaitAt < LATELY_MS ? `${run.endedWait}, which has ended` : undefined;
}

/** When its wait with a timeout gives up, if it is in one (`inbox.waitFor`). */
export function waitsUntil(run: Run): number | undefined {
  for (const box in run.inboxes) {
    const until = run.inboxes[box]!.until;
    if (until !== undefined) return until;
  }
  return undefined;
}
