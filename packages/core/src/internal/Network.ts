/**
 * The run-time state shared by a graph and all its composites: every component instance, the
 * links through exported boxes, the units running elsewhere, and the lifecycle of a run —
 * start, completion, failure, stop (graceful or hard), and the deadline after which
 * unresponsive components are abandoned (and their threads or processes terminated).
 */
import type { EventEmitter } from 'eventemitter3';
import type { Backend } from '../backend/types.ts';
import { Errors } from '../errors.ts';
import type { FullPolicy } from '../SupervisePolicy.ts';
import type { ComponentInfo, GraphEvents, RunResult } from '../types.ts';
import type { Reporter } from './boundary/attachBoundary.ts';
import type { Endpoint } from './boundary/Endpoint.ts';
import type { ComponentRun } from './ComponentRun.ts';
import { CompositeRecord } from './CompositeRecord.ts';
import { localStats, mergeStats, type Stats } from './collectStats.ts';
import { DeadlockWatch } from './DeadlockWatch.ts';
import { keepShapes } from './keepShapes.ts';
import type { Link } from './Link.ts';
import type { LogicalLink } from './LogicalLink.ts';
import type { ScopeImpl } from './ScopeImpl.ts';
import { checkSupervision } from './supervision/planSupervision.ts';
import type { Restart } from './supervision/Restart.ts';
import type { Supervisor } from './supervision/Supervisor.ts';
import { supervisorOf } from './supervision/supervisorOf.ts';
import { loadBackends } from './units/loadBackends.ts';
import { planUnits } from './units/planUnits.ts';
import type { RemoteUnit } from './units/RemoteUnit.ts';

/** Options of a run. */
export interface RunOptions {
  /** Validate, freeze and clone-check every message (default: on under NODE_ENV=test or PLEXUS_CHECKED=1). */
  readonly checked?: boolean;
  /** Aborting it stops the graph (a hard stop). */
  readonly signal?: AbortSignal;
  /** How long stopped components get to finish before they are abandoned. Default 5000 ms. */
  readonly stopTimeout?: number;
  /** Backends for placements other than inline. Missing ones are loaded from `@plexus/<name>`. */
  readonly backends?: readonly Backend[];
  /**
   * How long every running component may wait on its boxes with no message moving before
   * the run fails as deadlocked (`ERR_DEADLOCK`). Default 1000 ms; `false` turns it off.
   */
  readonly deadlockTimeout?: number | false;
}

/** Options of a stop. */
export interface StopOptions {
  /** Stop the sources only and let what is in flight drain. Default false. */
  readonly graceful?: boolean;
  /** For a graceful stop: how long to drain before stopping hard. Default 10000 ms. */
  readonly timeout?: number;
}

type Emitter = EventEmitter<GraphEvents>;

/** Link ids of each remote unit start at a multiple of this, so ids never clash across threads. */
const UNIT_LINK_SPACE = 2 ** 32;

export class Network {
  state: 'building' | 'running' | 'done' = 'building';
  checked = false;
  stopTimeout = 5000;
  readonly logical = new Set<LogicalLink>();
  /** The top-level scope; every instance is found by walking scopes (no flat registry to grow). */
  root!: ScopeImpl;
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
  /**
   * The graph is stopping hard (it failed, or a hard stop): components that finish from now on
   * end their links without an end of stream, so nothing downstream mistakes the cut for one.
   */
  aborting = false;
  private units: RemoteUnit[] = [];
  private watch: DeadlockWatch | undefined;
  /** Inline instances and remote units not yet settled. */
  private running = 0;
  private starting = false;
  private error: Error | undefined;
  private stopRequested = false;
  /** stop() came while backends were still loading: stop as soon as the run begins. */
  private stopEarly = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settle: { resolve(result: RunResult): void; reject(error: Error): void } | undefined;
  private done: Promise<RunResult> | undefined;
  private signal: AbortSignal | undefined;
  private readonly onAbort = () => void this.stop({ graceful: false });
  private linkIds: number;

  constructor(
    readonly name: string,
    readonly events: Emitter,
    readonly capacity: number,
    /** Links get ids from here up (units in other threads start from their own base). */
    linkIdBase = 1,
  ) {
    keepShapes();
    this.linkIds = linkIdBase;
  }

  nextLinkId(): number {
    return this.linkIds++;
  }

  run(options: RunOptions): Promise<RunResult> {
    if (this.state !== 'building' || this.starting) {
      return Promise.reject(
        Errors.graphState(
          this.name,
          'has already run; build a new graph (or add the same definitions to one) to run again.',
        ),
      );
    }
    this.starting = true;
    this.done = new Promise<RunResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    const leaves = this.leaves();
    const remote = this.where === undefined ? leaves.filter((run) => run.backend !== 'inline') : [];
    if (remote.length === 0) this.begin(options, new Map(), leaves);
    else {
      // Components may still be added while backends load: walk the graph again then.
      loadBackends(remote, options.backends ?? []).then(
        (backends) => this.begin(options, backends, this.leaves()),
        (error: Error) => {
          this.state = 'done';
          this.settle?.reject(error);
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
    this.stopTimeout = options.stopTimeout ?? 5000;
    try {
      if (backends.size > 0) checkSupervision(this, initial);
      this.units = backends.size === 0 ? [] : planUnits(this, initial, backends);
    } catch (error) {
      this.state = 'done';
      this.settle?.reject(error as Error);
      return;
    }
    this.state = 'running';
    this.events.emit('start');
    // With no units planned, every instance is local (a graph of a million needs no copy).
    const local =
      this.units.length === 0 ? initial : initial.filter((run) => run.unit === undefined);
    this.running = local.length + this.units.length;
    this.units.forEach((unit, i) => void unit.start(unit.plan((i + 1) * UNIT_LINK_SPACE)));
    for (const run of local) run.start();
    const deadlock = options.deadlockTimeout ?? 1000;
    if (this.where === undefined && deadlock !== false && this.running > 0) {
      this.watch = new DeadlockWatch(this, this.units, deadlock);
      this.watch.start();
    }
    if (this.running === 0) this.finish();
    else if (this.stopEarly) this.haltAll('stop');
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
  leaves(scope: ScopeImpl = this.root, into: ComponentRun[] = []): ComponentRun[] {
    for (const child of scope.children.values()) {
      if (child instanceof CompositeRecord) this.leaves(child.scope, into);
      else into.push(child);
    }
    if (scope === this.root) for (const run of this.detached) into.push(run);
    return into;
  }

  /** Live counters: instances and links run here, merged with what remote units last reported. */
  stats(): Stats {
    const local = localStats(this.leaves(), this.readers);
    return this.units.length === 0
      ? local
      : mergeStats(
          local,
          this.units.map((unit) => unit.snapshot),
        );
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

  /** A supervisor is restarting `run` after `error` (its `restarts`th restart). */
  restarted(run: ComponentRun | ComponentInfo, error: Error, restarts: number): void {
    if (this.events.listenerCount('component:restart') > 0) {
      const info = 'info' in run ? run.info() : run;
      this.events.emit('component:restart', { ...info, restarts }, error, restarts);
    }
  }

  /** Fail the graph with `error` (a component failed, or supervision could not go on). */
  failWith(error: Error): void {
    this.fail(error);
  }

  /** A component failed (inline, or in a unit, which reported it). */
  remoteFailure(info: ComponentInfo, failure: Error): void {
    if (this.events.listenerCount('component:fail') > 0)
      this.events.emit('component:fail', info, failure);
    this.fail(failure);
  }

  /** A unit could not start, or went away: that fails the graph. */
  unitFailed(_unit: RemoteUnit, failure: Error): void {
    this.fail(failure);
  }

  unitSettled(_unit: RemoteUnit): void {
    this.countDown();
  }

  stop(options: StopOptions): Promise<void> {
    if (this.state === 'building') {
      if (!this.starting) {
        this.state = 'done';
        return Promise.resolve();
      }
      this.stopRequested = true;
      this.stopEarly = true;
    }
    if (this.state === 'running' && this.error === undefined) {
      this.stopRequested = true;
      if (options.graceful === true) {
        const error = Errors.stopped(`Graph '${this.name}'`, 'stop');
        for (const run of this.leaves()) {
          if (run.unit !== undefined) continue;
          run.beginDrain(error);
          if (isSource(run) && run.definition.gracefulStop !== 'drain') run.halt('stop', error);
        }
        for (const unit of this.units) unit.stop(true);
        this.arm(options.timeout ?? 10_000, () => this.haltAll('stop'));
      } else {
        this.haltAll('stop');
      }
    }
    return (this.done ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  announce(event: 'component:start' | 'component:end', run: ComponentRun | ComponentInfo): void {
    if (this.events.listenerCount(event) > 0)
      this.events.emit(event, 'info' in run ? run.info() : run);
  }

  progress(run: ComponentRun | string, done: number, total: number | undefined): void {
    if (this.events.listenerCount('component:progress') === 0) return;
    const info =
      typeof run === 'string'
        ? { name: run, type: '?', backend: '?', state: 'running' as const }
        : run.info();
    this.events.emit('component:progress', info, done, total);
  }

  linkAdded(link: Link): void {
    if (this.events.listenerCount('link:add') > 0) this.events.emit('link:add', link.info());
  }

  linkRemoved(link: Link): void {
    if (this.events.listenerCount('link:remove') > 0) this.events.emit('link:remove', link.info());
  }

  private fail(failure: Error): void {
    if (this.error !== undefined || this.state !== 'running') return;
    this.error = failure;
    this.haltAll('graph-failed');
  }

  private countDown(): void {
    if (--this.running === 0 && this.state === 'running') this.finish();
  }

  /** Stop every running instance and unit; abandon what still runs after the stop timeout. */
  private haltAll(reason: string): void {
    this.aborting = true;
    const error = Errors.stopped(`Graph '${this.name}'`, reason);
    for (const run of this.leaves()) if (run.unit === undefined) run.halt(reason, error);
    for (const unit of this.units) unit.stop(false);
    this.arm(this.stopTimeout, () => this.abandon());
  }

  private abandon(): void {
    const stuck = this.leaves().filter(
      (run) => run.state === 'running' || (run.unit !== undefined && run.state === 'idle'),
    );
    if (stuck.length === 0) return;
    this.error ??= Errors.stopTimeout(
      this.name,
      this.stopTimeout,
      stuck.map((r) => `'${r.name}' (${r.type})`).join(', '),
    );
    for (const run of stuck) {
      if (run.unit !== undefined) continue;
      run.reason = 'unresponsive';
      run.finish(undefined);
    }
    for (const unit of this.units) if (!unit.settled) void unit.terminate();
  }

  private arm(ms: number, then: () => void): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      then();
    }, ms);
  }

  private finish(): void {
    this.state = 'done';
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const restart of [...this.pending]) restart.cancel();
    this.watch?.stop();
    this.signal?.removeEventListener('abort', this.onAbort);
    const report = () => {
      if (this.error !== undefined) {
        this.events.emit('fail', this.error);
        this.settle?.reject(this.error);
      } else {
        const result: RunResult = { status: this.stopRequested ? 'stopped' : 'completed' };
        this.events.emit('complete', result);
        this.settle?.resolve(result);
      }
    };
    if (this.units.length === 0) report();
    else {
      void Promise.allSettled(this.units.map((unit) => unit.close())).then(() => {
        for (const endpoint of this.endpoints) {
          try {
            if (endpoint.destroy !== undefined) endpoint.destroy();
            else endpoint.close();
          } catch {}
        }
        report();
      });
    }
  }
}

/**
 * A source, for a graceful stop: nothing was ever linked into it. A component whose inputs
 * have ended is not one: it is draining, or sending its last results, and is left to finish.
 */
function isSource(run: ComponentRun): boolean {
  for (const box in run.inboxes) if (run.inboxes[box]!.linked) return false;
  return true;
}

function checkedByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  if (env?.PLEXUS_CHECKED === '0') return false;
  return env?.PLEXUS_CHECKED === '1' || env?.NODE_ENV === 'test';
}
