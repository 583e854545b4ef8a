/**
 * The lifecycle of a component instance, as one value: where its body is (not started, running,
 * being stopped, parked for a restart, over) and what goes with that phase (the restart it waits
 * for, the error that failed it). `ComponentRun.life` holds it and `ComponentRun.enter` is the
 * only place it changes; the transitions themselves are in endRun.ts, each a guard on the
 * current phase, the new phase, then its effects. The public `ComponentState` is a view of it.
 */
import type { ComponentState } from '../types.ts';

/**
 * A restart a run takes part in, as the run sees it (a supervisor's `Restart`). A run is given to
 * it as the object it is — the run's own type sits above this file.
 */
export interface RunRestart {
  /** The run's body has ended for this restart. */
  parked(run: object): void;
  /** The run leaves this restart (it finished, or another restart takes it over). */
  leave(run: object): void;
}

/** Added, not started yet. */
interface Idle {
  readonly kind: 'idle';
  readonly halted: false;
}

/** Its body runs. */
interface Running {
  readonly kind: 'running';
  readonly halted: false;
}

/**
 * Stopped (a stop, a broken pipe, a failed graph): its sends and waits throw its stop error and
 * its body runs on until it ends. `started` is false when it was stopped before it started:
 * starting it then ends it at once.
 */
interface Stopping {
  readonly kind: 'stopping';
  readonly halted: true;
  readonly started: boolean;
}

/** Failed from outside its body (a message it sent could not cross): it fails once its body ends. */
interface Faulting {
  readonly kind: 'faulting';
  readonly halted: true;
  readonly started: boolean;
  readonly error: Error;
}

/**
 * Its body is being stopped for `restart` (or, for the one that crashed, has just ended); its
 * boxes and links stay as they are. `halted` is false only for the one that crashed.
 */
interface Restarting {
  readonly kind: 'restarting';
  readonly halted: boolean;
  readonly restart: RunRestart;
  /** Its body noticed the stop while waiting for a message, so it held none in hand. */
  stoppedWaiting: boolean;
}

/** Its body has ended for `restart`, which will run it again. */
interface Parked {
  readonly kind: 'parked';
  readonly halted: boolean;
  readonly restart: RunRestart;
  readonly stoppedWaiting: boolean;
}

/** Over: its body returned (`ended`), was stopped (`stopped`) or failed (`failed`). */
interface Over {
  readonly kind: 'ended' | 'stopped' | 'failed';
  readonly halted: boolean;
}

export type RunLife = Idle | Running | Stopping | Faulting | Restarting | Parked | Over;

export const IDLE: Idle = { kind: 'idle', halted: false };
export const RUNNING: Running = { kind: 'running', halted: false };
export const STOPPING: Stopping = { kind: 'stopping', halted: true, started: true };
export const STOPPED_EARLY: Stopping = { kind: 'stopping', halted: true, started: false };

const OVER = {
  ended: [
    { kind: 'ended', halted: false },
    { kind: 'ended', halted: true },
  ],
  stopped: [
    { kind: 'stopped', halted: false },
    { kind: 'stopped', halted: true },
  ],
  failed: [
    { kind: 'failed', halted: false },
    { kind: 'failed', halted: true },
  ],
} as const satisfies Record<Over['kind'], readonly [Over, Over]>;

/** The phase `kind`, halted or not (shared values: ending allocates nothing). */
export function over(kind: Over['kind'], halted: boolean): Over {
  return OVER[kind][halted ? 1 : 0];
}

/** Its body will not run again. */
export function isOver(life: RunLife): life is Over {
  return life.kind === 'ended' || life.kind === 'stopped' || life.kind === 'failed';
}

/** The restart it takes part in, if any. */
export function restartOf(life: RunLife): RunRestart | undefined {
  return life.kind === 'restarting' || life.kind === 'parked' ? life.restart : undefined;
}

/** The state `stats()` and events report: every phase of a started body reads `running`. */
export function stateOf(life: RunLife): ComponentState {
  switch (life.kind) {
    case 'idle':
      return 'idle';
    case 'stopping':
    case 'faulting':
      return life.started ? 'running' : 'idle';
    case 'running':
    case 'restarting':
    case 'parked':
      return 'running';
    default:
      return life.kind;
  }
}

/** A remote instance's proxy follows the state its unit reports, keeping whether it was halted. */
export function followed(state: ComponentState, halted: boolean): RunLife {
  if (state === 'idle') return halted ? STOPPED_EARLY : IDLE;
  if (state === 'running') return halted ? STOPPING : RUNNING;
  return over(state, halted);
}
