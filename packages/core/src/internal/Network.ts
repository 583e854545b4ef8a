/**
 * The run-time state shared by a graph and all its composites: every component instance, the
 * links through exported boxes, and the lifecycle of a run — start, completion, failure,
 * stop (graceful or hard) and the deadline after which unresponsive components are abandoned.
 */
import type { EventEmitter } from 'eventemitter3';
import { Errors } from '../errors.ts';
import type { GraphEvents, RunResult } from '../types.ts';
import type { ComponentRun } from './ComponentRun.ts';
import { CompositeRecord } from './CompositeRecord.ts';
import type { Link } from './Link.ts';
import type { LogicalLink } from './LogicalLink.ts';
import type { ScopeImpl } from './ScopeImpl.ts';

/** Options of a run. */
export interface RunOptions {
  /** Validate, freeze and clone-check every message (default: on under NODE_ENV=test or PLEXUS_CHECKED=1). */
  readonly checked?: boolean;
  /** Aborting it stops the graph (a hard stop). */
  readonly signal?: AbortSignal;
  /** How long stopped components get to finish before they are abandoned. Default 5000 ms. */
  readonly stopTimeout?: number;
}

/** Options of a stop. */
export interface StopOptions {
  /** Stop the sources only and let what is in flight drain. Default false. */
  readonly graceful?: boolean;
  /** For a graceful stop: how long to drain before stopping hard. Default 10000 ms. */
  readonly timeout?: number;
}

type Emitter = EventEmitter<GraphEvents>;

export class Network {
  state: 'building' | 'running' | 'done' = 'building';
  checked = false;
  readonly logical = new Set<LogicalLink>();
  /** The top-level scope; every instance is found by walking scopes (no flat registry to grow). */
  root!: ScopeImpl;
  /** Instances removed from their scope while still running. */
  private readonly detached = new Set<ComponentRun>();
  /** Instances not yet settled, counted from the start of the run. */
  private running = 0;
  private error: Error | undefined;
  private stopRequested = false;
  private stopTimeout = 5000;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settle: { resolve(result: RunResult): void; reject(error: Error): void } | undefined;
  private done: Promise<RunResult> | undefined;
  private signal: AbortSignal | undefined;
  private readonly onAbort = () => void this.stop({ graceful: false });

  constructor(
    readonly name: string,
    readonly events: Emitter,
    readonly capacity: number,
  ) {}

  run(options: RunOptions): Promise<RunResult> {
    if (this.state !== 'building') {
      return Promise.reject(
        Errors.graphState(
          this.name,
          'has already run; build a new graph (or add the same definitions to one) to run again.',
        ),
      );
    }
    for (const run of this.leaves()) {
      if (run.backend !== 'inline')
        return Promise.reject(Errors.noBackend(run.name, run.type, run.backend, "'inline'"));
    }
    this.checked = options.checked ?? checkedByDefault();
    this.stopTimeout = options.stopTimeout ?? 5000;
    this.state = 'running';
    this.done = new Promise<RunResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.events.emit('start');
    const initial = [...this.leaves()];
    this.running = initial.length;
    for (const run of initial) run.start();
    if (this.running === 0) this.finish();
    if (options.signal !== undefined) {
      this.signal = options.signal;
      if (options.signal.aborted) void this.stop({ graceful: false });
      else options.signal.addEventListener('abort', this.onAbort, { once: true });
    }
    return this.done;
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
  *leaves(scope: ScopeImpl = this.root): Generator<ComponentRun> {
    for (const child of scope.children.values()) {
      if (child instanceof CompositeRecord) yield* this.leaves(child.scope);
      else yield child;
    }
    if (scope === this.root) yield* this.detached;
  }

  settled(run: ComponentRun, failure: Error | undefined): void {
    this.detached.delete(run);
    if (failure === undefined) this.announce('component:end', run);
    else if (this.events.listenerCount('component:fail') > 0)
      this.events.emit('component:fail', run.info(), failure);
    if (failure !== undefined && this.error === undefined && this.state === 'running') {
      this.error = failure;
      this.haltAll('graph-failed');
    }
    if (--this.running === 0 && this.state === 'running') this.finish();
  }

  stop(options: StopOptions): Promise<void> {
    if (this.state === 'building') {
      this.state = 'done';
      return Promise.resolve();
    }
    if (this.state === 'running' && this.error === undefined) {
      this.stopRequested = true;
      if (options.graceful === true) {
        const error = Errors.stopped(`Graph '${this.name}'`, 'stop');
        for (const run of this.leaves()) if (isSource(run)) run.halt('stop', error);
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

  announce(event: 'component:start' | 'component:end', run: ComponentRun): void {
    if (this.events.listenerCount(event) > 0) this.events.emit(event, run.info());
  }

  progress(run: ComponentRun, done: number, total: number | undefined): void {
    if (this.events.listenerCount('component:progress') > 0)
      this.events.emit('component:progress', run.info(), done, total);
  }

  linkAdded(link: Link): void {
    if (this.events.listenerCount('link:add') > 0) this.events.emit('link:add', link.info());
  }

  linkRemoved(link: Link): void {
    if (this.events.listenerCount('link:remove') > 0) this.events.emit('link:remove', link.info());
  }

  /** Stop every running instance; abandon those still running after the stop timeout. */
  private haltAll(reason: string): void {
    const error = Errors.stopped(`Graph '${this.name}'`, reason);
    for (const run of this.leaves()) run.halt(reason, error);
    this.arm(this.stopTimeout, () => this.abandon());
  }

  private abandon(): void {
    const stuck = [...this.leaves()].filter((run) => run.state === 'running');
    if (stuck.length === 0) return;
    this.error ??= Errors.stopTimeout(
      this.name,
      this.stopTimeout,
      stuck.map((r) => `'${r.name}' (${r.type})`).join(', '),
    );
    for (const run of stuck) {
      run.reason = 'unresponsive';
      run.finish(undefined);
    }
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
    this.signal?.removeEventListener('abort', this.onAbort);
    if (this.error !== undefined) {
      this.events.emit('fail', this.error);
      this.settle?.reject(this.error);
    } else {
      const result: RunResult = { status: this.stopRequested ? 'stopped' : 'completed' };
      this.events.emit('complete', result);
      this.settle?.resolve(result);
    }
  }
}

/** A source, for a graceful stop: nothing flows into it any more. */
function isSource(run: ComponentRun): boolean {
  for (const box in run.inboxes) if (run.inboxes[box]!.open > 0) return false;
  return true;
}

function checkedByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  if (env?.PLEXUS_CHECKED === '0') return false;
  return env?.PLEXUS_CHECKED === '1' || env?.NODE_ENV === 'test';
}
