/**
 * The run-time state shared by a graph and all its composites: every component instance, the
 * links through exported boxes, the units running elsewhere, and a run's lifecycle (start,
 * completion, failure). Stopping is in stopNetwork.ts; what observers hear, in NetworkEvents.ts.
 */
import type { EventEmitter } from 'eventemitter3';
import type { Backend } from '../backend/Backend.ts';
import type { Endpoint } from '../backend/Endpoint.ts';
import type { LinkReply, LinkRequest } from '../backend/UnitRequests.ts';
import { DEFAULT_DEADLOCK_TIMEOUT, DEFAULT_STOP_TIMEOUT } from '../defaults.ts';
import { Errors } from '../errors.ts';
import type { TapOptions, TapSample } from '../inspect.ts';
import type { RunOptions } from '../runOptions.ts';
import type { FullPolicy } from '../SupervisePolicy.ts';
import type { StopOptions } from '../stopOptions.ts';
import type { ComponentInfo, GraphEvents, RunResult } from '../types.ts';
import type { Reporter } from './boundary/attachBoundary.ts';
import type { ComponentRun } from './ComponentRun.ts';
import { checkedByDefault } from './checkedByDefault.ts';
import { localStats, mergeStats, type Stats, withLost } from './collectStats.ts';
import { DeadlockWatch } from './DeadlockWatch.ts';
import { keepShapes } from './keepShapes.ts';
import type { LogicalLink } from './LogicalLink.ts';
import type { Net, NetworkRoot } from './Net.ts';
import { NetworkEvents } from './NetworkEvents.ts';
import { BUILDING, DONE, type NetLife, netState, RUNNING } from './netLife.ts';
import type { RunHost } from './Run.ts';
import { haltAll, stopNetwork } from './stopNetwork.ts';
import { checkSupervision } from './supervision/planSupervision.ts';
import type { Restart } from './supervision/Restart.ts';
import type { Supervisor } from './supervision/Supervisor.ts';
import { supervisorOf } from './supervision/supervisorOf.ts';
import { tapRun } from './tap/tapRun.ts';
import { closeUnits } from './units/closeUnits.ts';
import { defaultCrossing } from './units/crossingCapacity.ts';
import { crossLink } from './units/crossLink.ts';
import { loadBackends } from './units/loadBackends.ts';
import { planUnits, refuseDurable } from './units/planUnits.ts';
import type { RemoteUnit } from './units/RemoteUnit.ts';

/** Link ids of each remote unit start at a multiple of this, so ids never clash across threads. */
const UNIT_LINK_SPACE = 2 ** 32;

export class Network extends NetworkEvents implements Net, RunHost {
  /** Where it is in its life (see {@link NetLife}): changed only by {@link enter}. */
  life: NetLife = BUILDING;
  checked = false;
  stopTimeout = DEFAULT_STOP_TIMEOUT;
  readonly logical = new Set<LogicalLink>();
  /** The top-level scope; every instance is found by walking scopes (no flat registry to grow). */
  root!: NetworkRoot;
  /** Set when this network runs inside a unit: every instance is local, and this says where. */
  where: string | undefined;
  /** Receiving ends of links from other units, for their counters. */
  readonly readers: Reporter[] = [];
  /** Ends of links to other units opened on this thread, closed when the run is over. */
  readonly endpoints: Endpoint[] = [];
  /** The graph's own restart policy (its top-level components as a group), if any. */
  supervise: FullPolicy | undefined;
  supervisor: Supervisor | undefined;
  /** Restarts under way. */
  readonly pending = new Set<Restart>();
  /** Instances removed from their scope while still running. */
  private readonly detached = new Set<ComponentRun>();
  units: RemoteUnit[] = [];
  private watch: DeadlockWatch | undefined;
  /** Inline instances and remote units not yet settled. */
  private running = 0;
  /** The first failure: the run rejects with it. */
  error: Error | undefined;
  /** A stop was asked for: the run resolves `stopped` rather than `completed`. */
  stopRequested = false;
  /** The deadline of a graceful stop, or of a stop after which what still runs is abandoned. */
  timer: ReturnType<typeof setTimeout> | undefined;
  private settle: { resolve(result: RunResult): void; reject(error: Error): void } | undefined;
  done: Promise<RunResult> | undefined;
  private signal: AbortSignal | undefined;
  private readonly onAbort = () => void this.stop({ graceful: false });
  private linkIds: number;
  /** A durable link was made (at `run()`, inline ones are refused: a graph without one skips the walk). */
  durableMade = false;

  constructor(
    name: string,
    events: EventEmitter<GraphEvents>,
    readonly capacity: number,
    /** Links get ids from here up (units in other threads start from their own base). */
    linkIdBase = 1,
  ) {
    super(name, events);
    keepShapes();
    this.linkIds = linkIdBase;
  }

  /** The one place its life changes. */
  enter(life: NetLife): void {
    this.life = life;
  }

  /** What the graph reports (see {@link netState}). */
  get state(): 'building' | 'running' | 'done' {
    return netState(this.life);
  }

  /** It stops hard: components that finish now end their links without an end of stream. */
  get aborting(): boolean {
    return this.life.kind === 'halting';
  }

  nextLinkId(): number {
    return this.linkIds++;
  }

  /** Run it; `attach` is called as the run begins, before any component starts (an inspector). */
  run(options: RunOptions, attach?: () => void): Promise<RunResult> {
    if (this.life.kind !== 'building') {
      return Promise.reject(
        Errors.graphState(
          this.name,
          'has already run; build a new graph (or add the same definitions to one) to run again.',
        ),
      );
    }
    this.enter({ kind: 'starting', stopEarly: false });
    this.done = new Promise<RunResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    attach?.();
    const leaves = this.leaves();
    const remote = this.where === undefined ? leaves.filter((run) => run.backend !== 'inline') : [];
    if (remote.length === 0) this.begin(options, new Map(), leaves);
    else {
      // Components may still be added while backends load: walk the graph again then.
      loadBackends(remote, options.backends ?? []).then(
        (backends) => this.begin(options, backends, this.leaves()),
        (error: Error) => {
          // Nothing started: fail as a run does, so watchers (an inspector) see the end.
          this.enter(DONE);
          this.error = error;
          this.report();
        },
      );
    }
    return this.done;
  }

  private begin(
    options: RunOptions,
    backends: ReadonlyMap<string, Backend>,
    initial: ComponentRun[],
  ): void {
    this.checked = options.checked ?? checkedByDefault();
    this.stopTimeout = options.stopTimeout ?? DEFAULT_STOP_TIMEOUT;
    try {
      if (backends.size > 0) checkSupervision(this, initial);
      if (backends.size === 0 && this.durableMade) refuseDurable(initial);
      this.units = backends.size === 0 ? [] : planUnits(this, initial, backends);
    } catch (error) {
      this.enter(DONE);
      this.settle?.reject(error as Error);
      return;
    }
    const stopEarly = this.life.kind === 'starting' && this.life.stopEarly;
    this.enter(RUNNING);
    this.events.emit('start');
    // With no units planned, every instance is local (a graph of a million needs no copy).
    const local =
      this.units.length === 0 ? initial : initial.filter((run) => run.unit === undefined);
    this.running = local.length + this.units.length;
    const crossing = defaultCrossing(this);
    this.units.forEach(
      (unit, i) => void unit.start(unit.plan((i + 1) * UNIT_LINK_SPACE, crossing)),
    );
    for (const run of local) run.start();
    const deadlockTimeout = options.deadlockTimeout ?? DEFAULT_DEADLOCK_TIMEOUT;
    if (this.where === undefined && this.running > 0)
      this.watch = new DeadlockWatch(this, this.units, deadlockTimeout).start();
    if (this.running === 0) this.finish();
    else if (stopEarly) haltAll(this, 'stop');
    if (options.signal !== undefined) {
      this.signal = options.signal;
      if (options.signal.aborted) void this.stop({ graceful: false });
      else options.signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  /** A new instance: start it on the next microtask if the graph is running (so it can be linked first). */
  adopt(run: ComponentRun): void {
    if (this.state === 'done') {
      throw Errors.graphState(
        this.name,
        `has finished, so '${run.name}' cannot be added; add components before the graph completes.`,
      );
    }
    if (this.state === 'running') {
      if (run.backend !== 'inline' && this.where === undefined) {
        throw Errors.graphState(
          this.name,
          `is running, and '${run.name}' is placed on backend '${run.backend}': components placed off the main thread must be added before run().`,
        );
      }
      this.running++;
      queueMicrotask(() => run.start());
    }
  }

  /** An instance was removed from its scope: keep track of it until it has finished. */
  detach(run: ComponentRun): void {
    if (this.state === 'running' && (run.state === 'running' || run.state === 'idle'))
      this.detached.add(run);
  }

  /** Every component instance, in the order added (composites walked in place). */
  leaves(): ComponentRun[] {
    const into: ComponentRun[] = [];
    this.root.leaves(into);
    for (const run of this.detached) into.push(run);
    return into;
  }

  /** Live counters: instances and links run here, merged with what remote units last reported. */
  stats(): Stats {
    const local = localStats(this.leaves(), this.readers);
    if (this.units.length === 0) return local;
    const reports = this.units.map((unit) => unit.snapshot);
    return withLost(
      mergeStats(local, reports),
      this.units.map((unit) => unit.lostOn),
    );
  }

  /** Sample what goes into link `id`, here or in the unit where its receiving end runs. */
  tap(id: number, options: TapOptions, listener: (sample: TapSample) => void): () => void {
    return tapRun(this, this.units, id, options, listener);
  }

  /** An inline instance finished (`failure` set if its body threw). */
  settled(run: ComponentRun, failure: Error | undefined): void {
    this.detached.delete(run);
    if (failure === undefined) this.announce('component:end', run);
    else this.remoteFailure(run.info(), failure);
    this.countDown();
  }

  /** The supervisor that handles `run`'s crashes, if any. */
  supervisorOf(run: ComponentRun): Supervisor | undefined {
    return supervisorOf(run);
  }

  /** A component failed (inline, or in a unit, which reported it). */
  remoteFailure(info: ComponentInfo, failure: Error): void {
    this.announceFailure(info, failure);
    this.failWith(failure);
  }

  /** A unit could not start, or went away: that fails the graph. */
  unitFailed(_unit: RemoteUnit, failure: Error): void {
    this.failWith(failure);
  }

  /** A unit asks for a link, while it runs, from one of its components to one elsewhere. */
  linkFrom(unit: RemoteUnit, request: LinkRequest): Promise<LinkReply> {
    return crossLink(this, unit, request);
  }

  unitSettled(_unit: RemoteUnit): void {
    this.countDown();
  }

  stop(options: StopOptions): Promise<void> {
    return stopNetwork(this, options);
  }

  /** Fail the graph with `failure` (a component failed, or supervision could not go on): the first one wins. */
  failWith(failure: Error): void {
    if (this.error !== undefined || this.state !== 'running') return;
    this.error = failure;
    haltAll(this, 'graph-failed');
  }

  private countDown(): void {
    if (--this.running === 0 && this.state === 'running') this.finish();
  }

  private finish(): void {
    this.enter(DONE);
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const restart of [...this.pending]) restart.cancel();
    this.watch?.stop();
    this.signal?.removeEventListener('abort', this.onAbort);
    if (this.units.length === 0) this.report();
    else void closeUnits(this.units, this.endpoints).then(() => this.report());
  }

  /** Settle the run: rejected with its first failure, else resolved as completed or stopped. */
  private report(): void {
    if (this.error !== undefined) {
      this.events.emit('fail', this.error);
      this.settle?.reject(this.error);
      return;
    }
    const result: RunResult = { status: this.stopRequested ? 'stopped' : 'completed' };
    this.events.emit('complete', result);
    this.settle?.resolve(result);
  }
}
