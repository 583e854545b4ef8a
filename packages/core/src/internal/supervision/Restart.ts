/**
 * One restart by a supervisor: stop the members its strategy chose (the one that crashed has
 * already stopped), wait until every one has parked — its body ended, its boxes and links
 * left as they were, so nothing queued for it is lost — then, after the backoff, run their
 * bodies again in the order they were added. With `onCrash: 'retry'`, the message the
 * crashed component was handling goes back to the front of the link it came from.
 */
import { Errors, type PlexusError } from '../../errors.ts';
import type { Run } from '../Run.ts';

export class Restart {
  private readonly started = Date.now();
  private readonly waiting = new Set<Run>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly culprit: Run,
    private readonly failure: PlexusError,
    /** Components to restart, in the order they were added. */
    private readonly runs: Run[],
    private readonly delay: number,
    private readonly onCrash: 'drop' | 'retry',
  ) {}

  begin(): void {
    const net = this.culprit.net;
    const culprit = this.culprit;
    // Restart those whose bodies run, or are stopping or parked for another restart.
    const runs = this.runs.filter(
      (run) =>
        run === culprit ||
        run.life.kind === 'running' ||
        run.life.kind === 'restarting' ||
        run.life.kind === 'parked',
    );
    this.runs.length = 0;
    for (const run of runs) {
      this.runs.push(run);
      this.waiting.add(run);
      // A component waiting for another restart is taken over by this one.
      run.stopForRestart(this, run === culprit);
      if (run.life.kind === 'parked') this.waiting.delete(run);
    }
    net.pending.add(this);
    // The crashed component parks as soon as this returns; the others when their bodies end.
    this.timer = setTimeout(() => {
      const stuck = [...this.waiting].filter((run) => run !== culprit);
      if (stuck.length === 0) return;
      net.failWith(
        Errors.restartTimeout(
          net.name,
          net.stopTimeout,
          stuck.map((run) => `'${run.name}' (${run.type})`).join(', '),
        ),
      );
    }, net.stopTimeout);
  }

  /** A component's body has ended for this restart. */
  parked(run: Run): void {
    // The message it was handling: the last it received, unless it was waiting for the next.
    if (
      this.onCrash === 'retry' &&
      run.lastLink !== undefined &&
      run.lastBox !== undefined &&
      (run === this.culprit || !stoppedWaiting(run))
    ) {
      run.inboxes[run.lastBox]?.requeue(run.lastLink, run.lastMessage);
      run.lastLink = undefined;
    }
    this.waiting.delete(run);
    if (this.waiting.size > 0) return;
    clearTimeout(this.timer);
    const wait = Math.max(0, this.delay - (Date.now() - this.started));
    this.timer = setTimeout(() => this.resume(), wait);
  }

  /** A component no longer waits for this restart (the graph stopped it, or another restart took it). */
  leave(run: Run): void {
    const i = this.runs.indexOf(run);
    if (i >= 0) this.runs.splice(i, 1);
    if (this.runs.length === 0) this.cancel();
    else if (this.waiting.delete(run) && this.waiting.size === 0) this.parked(run);
  }

  /** Forget it: the graph is over. */
  cancel(): void {
    clearTimeout(this.timer);
    this.culprit.net.pending.delete(this);
  }

  private resume(): void {
    this.cancel();
    const net = this.culprit.net;
    for (const run of this.runs) {
      if (run.life.kind !== 'parked' || run.life.restart !== this) continue;
      net.restarted(run, this.failure, run.restarts + 1);
      run.rerun();
    }
  }
}

/** Its body noticed the stop while waiting for a message, so it held none in hand. */
function stoppedWaiting(run: Run): boolean {
  const life = run.life;
  return (life.kind === 'restarting' || life.kind === 'parked') && life.stoppedWaiting;
}
