/**
 * One component instance: its boxes, its lifecycle, and the supervision of its body. It is
 * also the instance's public handle (`NodeHandle`), so an instance costs few objects: a
 * suspended component is its boxes, its links and its body's frame (async, or a generator).
 */
import type { ComponentDefinition, NodeHandle } from '../Definition.ts';
import { Errors } from '../errors.ts';
import type { FullPolicy } from '../SupervisePolicy.ts';
import type { ComponentInfo, ComponentState, InRef, OutRef, Placement } from '../types.ts';
import { PortReader } from './boundary/PortReader.ts';
import type { Sequencer } from './boundary/Sequencer.ts';
import { boxesOf } from './boxRecords.ts';
import { ContextImpl } from './ContextImpl.ts';
import { checkIncoming } from './checked/checkIncoming.ts';
import { unlinkedInbox } from './checked/unlinkedInbox.ts';
import { faultRun, finishRun, haltRun, stopForRestart } from './endRun.ts';
import { InboxImpl } from './InboxImpl.ts';
import type { Link } from './Link.ts';
import { OutboxImpl } from './OutboxImpl.ts';
import { missingBox, PortRef } from './PortRef.ts';
import type { Run, RunHost, RunScope, RunUnit } from './Run.ts';
import { extrasAccessors, RunExtras } from './RunExtras.ts';
import { RunFlags } from './RunFlags.ts';
import { runInfo } from './runInfo.ts';
import {
  followed,
  IDLE,
  isOver,
  RUNNING,
  type RunLife,
  type RunRestart,
  stateOf,
} from './runLife.ts';
import { isGenerator, resumeGenerator, stepGenerator } from './stepGenerator.ts';

export class ComponentRun extends RunFlags implements NodeHandle<ComponentDefinition>, Run {
  /** Where it is in its life: changed only by {@link enter}, through the transitions of endRun.ts. */
  life: RunLife = IDLE;
  // halted, checked, watching, slow, idle, lastBox and lastMessage: see RunFlags.
  override readonly inboxes: Record<string, InboxImpl>;
  readonly outboxes: Record<string, OutboxImpl>;
  /** A generator body's generator, while it runs (`*body`); the instance is then its driver. */
  generator: Generator<unknown, unknown, unknown> | undefined;
  /** What few instances use, made on first use: read and written through the accessors below. */
  extras: RunExtras | undefined;
  // Accessors onto `extras` (see RunExtras for what each means), defined after the class.
  declare reason: string | undefined;
  declare sequencer: Sequencer | undefined;
  declare lastLink: Link | undefined;
  declare unit: RunUnit | undefined;
  declare supervise: FullPolicy | undefined;
  declare supervisor: object | null | undefined;
  declare restarts: number;
  declare endedWait: string | undefined;
  declare endedWaitAt: number;
  declare controller: AbortController | undefined;
  declare stopReason: Error | undefined;
  declare private drainReason: Error | undefined;
  declare private drainController: AbortController | undefined;

  constructor(
    readonly scope: RunScope,
    readonly name: string,
    readonly definition: ComponentDefinition,
    readonly params: unknown,
    readonly placement: Placement,
  ) {
    super();
    const { inboxes, outboxes, InboxRecord, OutboxRecord } = boxesOf(definition);
    this.inboxes = new InboxRecord();
    this.outboxes = new OutboxRecord();
    for (const box of inboxes) this.inboxes[box[0]] = new InboxImpl(this, box);
    for (const box of outboxes) this.outboxes[box[0]] = new OutboxImpl(this, box);
    this.idle = placement.priority === 'idle';
    if (inboxes.length > 1) this.noteTakes();
  }

  /** Have every take reported to the instance (see `InboxImpl.noted`). */
  private noteTakes(): void {
    for (const box in this.inboxes) this.inboxes[box]!.noted = true;
  }

  /** The network it belongs to (its scope's). */
  get net(): RunHost {
    return this.scope.net;
  }

  get type(): string {
    return this.definition.name;
  }

  get backend(): string {
    return this.placement.backend ?? 'inline';
  }

  /** Where it runs, for error messages: `inline`, `worker thread 3`. */
  get where(): string {
    return this.unit?.where ?? this.net.where ?? this.backend;
  }

  inbox(box: string): InRef<any> {
    const port = this.inboxes[box];
    if (port === undefined) throw missingBox('in', this.name, this.definition, box);
    return new PortRef('in', this.name, box, port);
  }

  outbox(box: string): OutRef<any> {
    const port = this.outboxes[box];
    if (port === undefined) throw missingBox('out', this.name, this.definition, box);
    return new PortRef('out', this.name, box, port);
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.halted) this.controller.abort(this.stopError());
    }
    return this.controller.signal;
  }

  /** Aborts when a graceful stop begins (made on first use). */
  get draining(): AbortSignal {
    if (this.drainController === undefined) {
      this.drainController = new AbortController();
      if (this.drainReason !== undefined) this.drainController.abort(this.drainReason);
    }
    return this.drainController.signal;
  }

  /** A graceful stop has begun: abort `draining`. */
  beginDrain(reason: Error): void {
    if (this.drainReason !== undefined) return;
    this.drainReason = reason;
    this.drainController?.abort(reason);
  }

  stopError(): Error {
    this.stopReason ??= Errors.stopped(`Component '${this.name}'`, this.reason);
    return this.stopReason;
  }

  /** What `stats()` and events report (a view of {@link life}). */
  get state(): ComponentState {
    return stateOf(this.life);
  }

  /** The one place its life changes; `halted` and `slow` follow it. */
  enter(life: RunLife): void {
    this.life = life;
    this.halted = life.halted;
    const slow = this.checked || this.idle || life.halted || isOver(life);
    if (slow === this.slow) return;
    this.slow = slow;
    for (const box in this.outboxes) this.outboxes[box]!.refresh();
  }

  /** A proxy of an instance in another unit follows the state the unit reports. */
  follow(state: ComponentState): void {
    this.enter(followed(state, this.halted));
  }

  /** Run the body. The network has already counted this instance as running. */
  start(): void {
    const life = this.life;
    if (this.state !== 'idle' || this.unit !== undefined) return;
    if (life.kind === 'stopping' || life.kind === 'faulting') {
      // Stopped or failed before it started: it ends at once.
      this.enter({ ...life, started: true });
      this.finish(undefined);
      return;
    }
    this.checked = this.net.checked;
    this.enter(RUNNING);
    this.watching =
      this.checked ||
      this.sequencer !== undefined ||
      this.net.supervisorOf(this)?.policy.onCrash === 'retry';
    if (this.watching) this.noteTakes();
    const unlinked = this.checked ? unlinkedInbox(this) : undefined;
    if (unlinked !== undefined) this.finish(unlinked);
    else {
      this.net.announce('component:start', this);
      this.runBody();
    }
  }

  private runBody(): void {
    let result: unknown;
    try {
      result = this.definition.body(new ContextImpl(this));
    } catch (error) {
      this.finish(error ?? new Error(`Component '${this.name}' threw ${String(error)}.`));
      return;
    }
    if (isGenerator(result)) {
      this.generator = result;
      if (this.extras !== undefined) this.extras.onValue = this.extras.onReason = undefined;
      stepGenerator(this, undefined, false);
      return;
    }
    // Two bound functions rather than an async wrapper (~0.5 KB more a suspended component) or
    // two closures (which also keep a context: ~60 bytes more).
    Promise.resolve(result).then(bodyReturned.bind(this), bodyThrew.bind(this));
  }

  /**
   * Stop this instance: its signal aborts and its pending and future sends and waits throw
   * `error` (a graph-wide stop shares one error; building one per instance is costly).
   */
  halt(reason: string, error?: Error): void {
    haltRun(this, reason, error);
  }

  /** Fail it from outside its body (see {@link faultRun}). */
  fault(error: Error): void {
    faultRun(this, error);
  }

  /** Take it into `restart` (`crashed`: it is the one that crashed): its boxes and links stay as they are. */
  stopForRestart(restart: RunRestart, crashed = false): void {
    stopForRestart(this, restart, crashed);
  }

  /** Its body noticed the stop while waiting for a message (so it held none in hand). */
  stoppedInWait(): void {
    const life = this.life;
    if (life.kind === 'restarting') life.stoppedWaiting = true;
  }

  /** What few instances use, made now if it was not. */
  more(): RunExtras {
    this.extras ??= new RunExtras();
    return this.extras;
  }

  /**
   * Resume a generator body parked on one of its inboxes (or paused): the scheduler calls the
   * instance itself, so a parked body needs no closure.
   */
  resume(value: unknown): void {
    resumeGenerator(this, value);
  }

  /** Run the body again, on the boxes and links it had (a restart). */
  rerun(): void {
    if (this.life.kind !== 'parked') return;
    this.enter(RUNNING);
    this.reason = undefined;
    this.stopReason = undefined;
    this.controller = undefined;
    this.lastLink = undefined;
    for (const box in this.inboxes) this.inboxes[box]!.unlisten();
    for (const box in this.outboxes) this.outboxes[box]!.resume();
    this.restarts++;
    this.runBody();
  }

  /** One of this instance's outgoing links lost its receiver. If every one has, stop (as SIGPIPE). */
  linkBroken(): void {
    if (this.state !== 'running' || this.halted) return;
    let links = 0;
    for (const box in this.outboxes) {
      for (const link of this.outboxes[box]!.links) {
        if (!link.broken) return;
        links++;
      }
    }
    if (links > 0) this.halt('downstream-ended');
  }

  /** Fail the whole run with `error` (a link it reads carried what cannot be decoded). */
  failRun(error: Error): void {
    this.net.failWith(error);
  }

  /** Called for every message received while `watching`. */
  received(inbox: InboxImpl, link: Link, message: unknown): void {
    this.lastLink = link;
    if (this.checked) checkIncoming(inbox, link, message);
    if (this.sequencer !== undefined && link.source instanceof PortReader)
      this.sequencer.took(link.source);
  }

  /** The body returned (`error` undefined) or threw: close the boxes and report ({@link finishRun}). */
  finish(error: unknown): void {
    const held = this.scope.held;
    if (held !== undefined) void held.then(() => this.finish(error));
    else finishRun(this, error);
  }

  info(): ComponentInfo {
    return runInfo(this);
  }
}

extrasAccessors(ComponentRun.prototype);

/** An async body returned (bound to its instance). */
function bodyReturned(this: ComponentRun): void {
  this.finish(undefined);
}

/** An async body threw `error` (bound to its instance). */
function bodyThrew(this: ComponentRun, error: unknown): void {
  this.finish(error ?? new Error(`Component '${this.name}' threw ${String(error)}.`));
}
