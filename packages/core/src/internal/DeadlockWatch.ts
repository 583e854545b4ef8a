/**
 * Deadlock detection. A graph in which every running component waits on one of its boxes —
 * for a message nobody will send, or for room in a link nobody will drain — or keeps waiting
 * on inboxes that have ended, and no message moves, would hang forever (or, with nothing else
 * to do, let the program exit as if done). The watch looks every so often; when the scheduler
 * has woken nobody since its last look, it checks every component (and the counters units
 * report), and once that state has lasted `timeout` ms it fails the graph with `ERR_DEADLOCK`,
 * naming the components and boxes.
 *
 * A component in a wait with a timeout (`inbox.waitFor`) is not stuck: its timer will wake it.
 * Its timer keeps the program alive only while the graph looks stuck, so a graph waiting on
 * something outside it (a timer, a socket) behaves as it would without the watch. When the
 * event loop runs dry with the run pending, nothing can wake a component any more: if every
 * one waits on a box, the watch keeps the program alive until it reports the deadlock (the
 * same error, after the same time, as where units keep the loop busy); if some component
 * awaits anything else (a promise nothing will settle now), or the watch is off, the run fails
 * at once with `ERR_STALLED`, naming what each waits on, and those components are abandoned.
 */
import { Errors } from '../errors.ts';
import type { LinkInfo } from '../types.ts';
import type { ComponentRun } from './ComponentRun.ts';
import { localStats } from './collectStats.ts';
import { onLoopDrain } from './loopDrain.ts';
import type { Net } from './Net.ts';
import { stuckOn, waitingOn, waitsUntil } from './runInfo.ts';
import { wakeCount } from './scheduler.ts';
import { abandon } from './stopNetwork.ts';
import type { RemoteUnit } from './units/RemoteUnit.ts';

/** Most components an error lists. */
const LISTED = 8;

export class DeadlockWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wakes = -1;
  private signature = -1;
  private since = 0;
  private readonly every: number;
  /** The event loop ran dry while every component waited on a box: keep it alive to report. */
  private held = false;
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly net: Net,
    private readonly units: readonly RemoteUnit[],
    /** `false`: no timed watch, only what the event loop running dry says. */
    private readonly timeout: number | false,
  ) {
    this.every = timeout === false ? 0 : Math.max(10, Math.min(250, timeout / 4));
  }

  /** Begin watching; returns the watch. */
  start(): this {
    this.unwatch = onLoopDrain(() => this.drained());
    if (this.timeout === false) return this;
    this.wakes = wakeCount();
    this.schedule(true);
    return this;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unwatch?.();
  }

  private schedule(stuck: boolean): void {
    this.timer = setTimeout(() => this.tick(), this.every);
    if (!stuck && !this.held) (this.timer as { unref?: () => void }).unref?.();
  }

  /** The event loop has nothing left to do, and the run is still pending: nothing can wake it. */
  private drained(): void {
    const net = this.net;
    if (net.life.kind !== 'running') return;
    const lines: string[] = [];
    const lost: ComponentRun[] = [];
    for (const run of net.leaves()) {
      if (run.unit !== undefined || run.state !== 'running' || run.life.kind === 'parked') continue;
      const waiting = waitingOn(run);
      if (waiting !== undefined) lines.push(describe(run, waiting));
      else {
        lost.push(run);
        lines.push(`'${run.name}' (${run.type}) awaits something other than its boxes`);
      }
    }
    if (lines.length === 0) return;
    if (lost.length === 0 && this.timeout !== false) {
      this.held = true;
      (this.timer as { ref?: () => void } | undefined)?.ref?.();
      return;
    }
    net.failWith(Errors.stalled(net.name, listed(lines)));
    abandon(net, lost);
  }

  private tick(): void {
    if (this.net.state !== 'running') return;
    const wakes = wakeCount();
    const moved = wakes !== this.wakes;
    this.wakes = wakes;
    const found = moved ? undefined : this.blocked();
    if (found === undefined) {
      this.signature = -1;
      this.schedule(false);
      return;
    }
    const now = Date.now();
    if (found.signature !== this.signature) {
      this.signature = found.signature;
      this.since = now;
    } else if (now - this.since >= (this.timeout as number)) {
      const spinning = found.lines.some((line) => line.includes(', which has ended'));
      const blocked = listed(found.lines);
      this.net.failWith(Errors.deadlock(this.net.name, this.timeout as number, blocked, spinning));
      return;
    }
    this.schedule(true);
  }

  /**
   * What every running component waits on, and a sum of every link counter; or undefined
   * when something can still move: a component is busy, or a link that crosses threads or
   * processes has messages on the way (its sender has sent more than its receiver has got).
   */
  private blocked(): { lines: string[]; signature: number } | undefined {
    const lines: string[] = [];
    const sent = new Map<number, number>();
    let signature = 0;
    let moving = false;
    const count = (info: LinkInfo) => {
      signature += info.sent + info.delivered;
      // Seen from both ends across a boundary: what reached the receiver's side (in its link, or
      // held back waiting for room there) must be all the sender sent, or some is on the way.
      const arrived = info.sent + (info.held ?? 0);
      const seen = sent.get(info.id);
      if (seen === undefined) sent.set(info.id, arrived);
      else if (seen !== arrived) moving = true;
    };
    for (const run of this.net.leaves()) {
      if (run.unit !== undefined || run.state === 'ended' || run.state === 'stopped') continue;
      if (run.state !== 'running' || run.life.kind === 'parked') return undefined;
      const waiting = stuckOn(run);
      if (waiting === undefined || waitsUntil(run) !== undefined) return undefined;
      lines.push(describe(run, waiting));
    }
    for (const info of localStats(this.net.leaves(), this.net.readers).links) count(info);
    for (const unit of this.units) {
      const snapshot = unit.snapshot;
      if (snapshot === undefined) return undefined;
      // A finished unit still tells what it sent; only running ones have components to check.
      for (const info of snapshot.links) count(info);
      if (unit.settled) continue;
      for (const info of snapshot.components) {
        if (info.state === 'ended' || info.state === 'stopped') continue;
        if (info.state !== 'running' || info.waiting === undefined || info.until !== undefined)
          return undefined;
        const verb = info.waiting.endsWith('which has ended') ? 'keeps waiting' : 'waits';
        lines.push(`'${info.name}' ${verb} on ${info.waiting} (${unit.where})`);
      }
    }
    return lines.length === 0 || moving ? undefined : { lines, signature };
  }
}

/** The first few of `lines`, and how many more there are, as one sentence. */
function listed(lines: readonly string[]): string {
  const more = lines.length - LISTED;
  return `${lines.slice(0, LISTED).join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

function describe(run: ComponentRun, waiting: string): string {
  if (waiting.endsWith('which has ended'))
    return `'${run.name}' (${run.type}) keeps waiting on ${waiting}`;
  const box = waiting.slice(
    waiting.indexOf("'") + 1,
    waiting.indexOf("'", waiting.indexOf("'") + 1),
  );
  if (waiting.startsWith('inbox')) {
    const from = run.inboxes[box]!.feeds.map((link) => `'${link.from}'`);
    const fed = from.length > 0 ? `fed by ${from.join(', ')}` : '';
    if (waiting.includes('matches'))
      return `'${run.name}' (${run.type}) waits on ${waiting.slice(0, -1)}; ${fed})`;
    return `'${run.name}' (${run.type}) waits on inbox '${box}' (empty${fed === '' ? '' : `; ${fed}`})`;
  }
  const full = run.outboxes[box]!.links.filter((link) => !link.hasSpace()).map(
    (link) => `'${link.to}'`,
  );
  return `'${run.name}' (${run.type}) waits on outbox '${box}' (its link to ${full.join(', ')} is full)`;
}
