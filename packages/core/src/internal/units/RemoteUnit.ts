/**
 * The main thread's record of a unit running elsewhere (a worker thread, a child process):
 * the proxies of its components, its plan while it is drafted, the handle its backend
 * returned, its latest counters, and the translation of its events into the graph's.
 */
import type { Backend, UnitRef } from '../../backend/Backend.ts';
import type { UnitStats } from '../../backend/UnitEvents.ts';
import type { UnitHandle } from '../../backend/UnitHandle.ts';
import type { PlannedBoundary, PlannedLink, UnitPlan } from '../../backend/UnitPlan.ts';
import type { LinkReply, LinkRequest } from '../../backend/UnitRequests.ts';
import { UNIT_STOP_GRACE } from '../../defaults.ts';
import { type ErrorData, fromErrorData } from '../../errors.ts';
import type { TapOptions, TapSample } from '../../inspect.ts';
import type { ComponentInfo } from '../../types.ts';
import type { ComponentRun } from '../ComponentRun.ts';
import type { Run } from '../Run.ts';
import { planSupervision } from '../supervision/planSupervision.ts';
import { tapLimits } from '../tap/tapLink.ts';
import { lostError, lostWith } from './lostWith.ts';
import type { UnitHost } from './UnitHost.ts';

/** The replicas of one component: its proxy ends when all of them have. */
export interface ReplicaSet {
  readonly run: ComponentRun;
  readonly total: number;
  settled: number;
}

/** A tap on a link that ends in a unit: the limits asked of the unit, and who listens. */
interface UnitTap {
  readonly limits: Required<TapOptions>;
  readonly listeners: Set<(sample: TapSample) => void>;
}

export class RemoteUnit {
  readonly links: PlannedLink[] = [];
  readonly boundaries: PlannedBoundary[] = [];
  readonly proxies = new Map<string, ComponentRun>();
  /** Components the unit added itself while running, by name (links can reach them there). */
  readonly grown = new Set<string>();
  where: string;
  snapshot: UnitStats | undefined;
  settled = false;
  /** Messages its links lost with copies of it that died and were replaced, by link id. */
  readonly lostOn = new Map<number, number>();
  /** What a new copy's restart events add to their error: what the copy before lost. */
  private lostSentence = '';
  /** What the other ends of its links had counted when its current copy started, by link id. */
  private readonly liveBefore = new Map<number, number>();
  private handle: UnitHandle | undefined;
  private requestedStop: boolean | undefined;
  /** Taps on links that end in this unit, by link id (made on the first tap). */
  private taps: Map<number, UnitTap> | undefined;
  /** Settles once the backend has started the unit (or failed to). */
  private starting: Promise<void> = Promise.resolve();

  constructor(
    private readonly net: UnitHost,
    readonly label: string,
    readonly backend: Backend,
    readonly runs: readonly ComponentRun[],
    /** Set when this unit runs one replica of a component: the set, and this replica's name. */
    readonly replica?: { readonly set: ReplicaSet; readonly name: string },
  ) {
    this.where = label;
    for (const run of runs) {
      run.unit ??= this;
      this.proxies.set(replica?.name ?? run.name, run);
    }
  }

  /** The unit as a backend's `channel()` is told of it. */
  ref(): UnitRef {
    return { unit: this.label, backend: this.backend.name, options: this.options() };
  }

  private options(): Record<string, unknown> {
    const options: Record<string, unknown> = {};
    for (const run of this.runs) Object.assign(options, run.placement.options);
    return options;
  }

  plan(linkIdBase: number, crossingCapacity: number): UnitPlan {
    const options = this.options();
    const runs: readonly Run[] = this.runs;
    const nameOf = (run: Run) =>
      runs.includes(run) ? (this.replica?.name ?? run.name) : undefined;
    const { supervisors, of } = planSupervision(this.net, this.runs, nameOf);
    return {
      unit: this.label,
      backend: this.backend.name,
      checked: this.net.checked,
      // The main thread's deadline comes first (it terminates the unit and names what hung);
      // the unit's own is a fallback.
      stopTimeout: this.net.stopTimeout + UNIT_STOP_GRACE,
      linkIdBase,
      components: this.runs.map((run) => ({
        name: this.replica?.name ?? run.name,
        type: run.type,
        module: run.definition.source ?? '',
        params: run.params,
        ...(of.has(run) ? { supervisor: of.get(run)! } : {}),
        ...(run.idle ? { priority: 'idle' as const } : {}),
      })),
      links: this.links,
      boundaries: this.boundaries,
      ...(supervisors.length === 0 ? {} : { supervisors }),
      options,
      crossingCapacity,
    };
  }

  start(plan: UnitPlan): Promise<void> {
    this.starting = this.begin(plan);
    return this.starting;
  }

  private async begin(plan: UnitPlan): Promise<void> {
    try {
      this.handle = await this.backend.start(plan, {
        started: (name) => this.started(name),
        ended: (info) => this.ended(info),
        failed: (info, error) => this.failed(info, error),
        restarted: (info, error, restarts) => this.restarted(info, error, restarts),
        tapped: (sample) => {
          for (const listener of this.taps?.get(sample.link)?.listeners ?? []) listener(sample);
        },
        progress: (name, done, total) =>
          this.net.progress(this.proxies.get(name) ?? name, done, total),
        stats: (snapshot) => {
          this.snapshot = snapshot;
          this.lostSentence = '';
        },
        finished: () => this.finish(),
        renewed: () => this.renewed(),
        died: (error) => this.died(error),
        link: (request: LinkRequest): Promise<LinkReply> => this.net.linkFrom(this, request),
      });
    } catch (error) {
      // The far ends of its links never left this thread: close them, or they keep it alive.
      for (const boundary of plan.boundaries) {
        for (const port of boundary.ports) {
          const end = port.endpoint as { close?: () => void };
          if (typeof end.close === 'function') end.close();
        }
      }
      this.net.unitFailed(this, error as Error);
      this.finish();
      return;
    }
    this.where = this.handle.where;
    for (const [id, tap] of this.taps ?? []) this.handle.tap?.(id, tap.limits);
    // A unit that has already finished stays up until the run is over (close()): the other
    // ends of its links may still be taking what it sent.
    if (!this.settled && this.requestedStop !== undefined) this.handle.stop(this.requestedStop);
  }

  /** Stop its components (only its sources when graceful); a hard stop wins over a graceful one. */
  stop(graceful: boolean): void {
    if (this.settled) return;
    this.requestedStop = this.requestedStop === false ? false : graceful;
    this.handle?.stop(this.requestedStop);
  }

  /**
   * Ask the unit to sample link `id` (it does if the link's receiving end is there; the first
   * tap's limits hold for the link). Returns the function that removes this listener.
   */
  tap(id: number, options: TapOptions, listener: (sample: TapSample) => void): () => void {
    if (this.settled || (this.handle !== undefined && this.handle.tap === undefined))
      return () => {};
    this.taps ??= new Map();
    let tap = this.taps.get(id);
    if (tap === undefined) {
      tap = { limits: tapLimits(options), listeners: new Set() };
      this.taps.set(id, tap);
      // Before the unit has started, the tap is asked for once it has (see begin).
      this.handle?.tap?.(id, tap.limits);
    }
    const own = tap;
    own.listeners.add(listener);
    return () => {
      if (!own.listeners.delete(listener) || own.listeners.size > 0) return;
      this.taps?.delete(id);
      if (!this.settled) this.handle?.tap?.(id, undefined);
    };
  }

  /**
   * Attach one end of a link made while the graph runs to a component of the unit (the other
   * end is elsewhere). Rejects with a reason if the unit cannot take it.
   */
  async attach(boundary: PlannedBoundary): Promise<void> {
    await this.starting;
    if (this.settled) throw new Error(`Every component of ${this.label} has finished.`);
    const attach = this.handle?.attach;
    if (attach === undefined)
      throw new Error(
        `${this.label} runs on backend '${this.backend.name}', which cannot add links to a unit once it runs; place the two components together.`,
      );
    await attach.call(this.handle, boundary);
  }

  /** Force it to end now; its components that had not finished are marked unresponsive. */
  async terminate(reason = 'unresponsive'): Promise<void> {
    for (const run of this.runs) {
      if (run.state === 'running' || run.state === 'idle') {
        run.follow('stopped');
        run.reason = reason;
      }
    }
    await this.starting;
    await this.handle?.terminate();
    this.finish();
  }

  /** After the run: make sure nothing of it is left (no orphan thread or process). */
  async close(): Promise<void> {
    await this.starting;
    await this.handle?.terminate();
  }

  private started(name: string): void {
    const proxy = this.proxies.get(name);
    if (proxy === undefined) {
      this.grown.add(name);
      this.net.announce('component:start', this.stranger(name, 'running'));
    } else if (proxy.state === 'idle') {
      proxy.follow('running');
      this.net.announce('component:start', proxy);
    }
  }

  private ended(info: ComponentInfo): void {
    const proxy = this.proxies.get(info.name);
    if (proxy === undefined) {
      this.net.announce('component:end', info);
      return;
    }
    const set = this.replica?.set;
    if (set !== undefined && ++set.settled < set.total) return;
    if (proxy.state !== 'failed') {
      proxy.follow(info.state);
      proxy.reason = info.reason;
    }
    this.net.announce('component:end', proxy);
  }

  private failed(info: ComponentInfo, data: ErrorData): void {
    const proxy = this.proxies.get(info.name);
    if (proxy !== undefined) proxy.follow('failed');
    this.net.remoteFailure(proxy?.info() ?? info, fromErrorData(data));
  }

  private restarted(info: ComponentInfo, data: ErrorData, restarts: number): void {
    // A new copy may run somewhere else.
    if (info.where !== undefined) this.where = info.where;
    const proxy = this.proxies.get(info.name);
    if (proxy !== undefined && this.replica === undefined) proxy.restarts = restarts;
    this.net.restarted(
      proxy === undefined || this.replica !== undefined ? info : proxy,
      this.lostSentence === '' ? fromErrorData(data) : lostError(data, this.lostSentence),
      restarts,
    );
  }

  /**
   * A new copy replaces the unit (its host died): count what its links that are not durable
   * lost with the copy before, from that copy's last report and what the live ends have.
   */
  private renewed(): void {
    const last = this.snapshot;
    // The links as their other ends see them: without the dead copy's report.
    this.snapshot = undefined;
    this.lostSentence = lostWith(
      this.boundaries,
      last,
      this.net.stats().links,
      this.liveBefore,
      (id, n) => this.lostOn.set(id, (this.lostOn.get(id) ?? 0) + n),
    );
  }

  private died(data: ErrorData): void {
    if (this.settled) return;
    for (const run of this.runs)
      if (run.state === 'running' || run.state === 'idle') run.follow('failed');
    const error = fromErrorData(data);
    error.message += this.lost();
    this.net.unitFailed(this, error);
    this.finish();
  }

  /**
   * What a dead unit on another host lost on its links that are not durable, as a sentence:
   * what was sent to it that it had not taken by its last report (in flight, or in its
   * inboxes), and what it had sent that never arrived — counted as for a copy that restarts,
   * and kept as the links' `lost`. (A backend whose links stay on this host is not asked yet.)
   */
  private lost(): string {
    if (this.backend.crossProcess?.network !== true) return '';
    const last = this.snapshot;
    // The links as their other ends see them: without the dead unit's report.
    this.snapshot = undefined;
    return lostWith(this.boundaries, last, this.net.stats().links, this.liveBefore, (id, n) =>
      this.lostOn.set(id, (this.lostOn.get(id) ?? 0) + n),
    );
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    this.net.unitSettled(this);
  }

  private stranger(name: string, state: ComponentInfo['state']): ComponentInfo {
    return { name, type: '?', backend: this.backend.name, state };
  }
}

/** The unit a run stands for, if it runs in one (the run knows it by contract as a RunUnit). */
export function unitOf(run: { readonly unit: unknown }): RemoteUnit | undefined {
  return run.unit instanceof RemoteUnit ? run.unit : undefined;
}
